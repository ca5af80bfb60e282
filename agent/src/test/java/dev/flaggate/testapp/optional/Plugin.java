package dev.flaggate.testapp.optional;

/** An optional dependency: compiled against, left off the class path at run time (OptionalDependencyIT). */
public class Plugin {}
