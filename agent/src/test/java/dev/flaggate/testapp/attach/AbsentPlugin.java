package dev.flaggate.testapp.attach;

/** An optional dependency: compiled against, left off the class path at run time (AttachIT). */
public class AbsentPlugin {}
