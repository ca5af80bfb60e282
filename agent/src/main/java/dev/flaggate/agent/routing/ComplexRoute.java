package dev.flaggate.agent.routing;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Runs a shadow or dual-run call of one gated method: the primary on the caller's thread, the
 * secondary on the secondary pool (or after the primary, when synchronous), and the comparison.
 *
 * <p>It is reached through an invokedynamic instruction in the gated method, linked once with a
 * full-privilege lookup of the gated class: so it calls a private legacy method, and the gated
 * method's own body, through plain method handles, with no reflection at call time and no module
 * to open. The new body is reached by calling the gated method again with a one-shot bypass of
 * routing (see {@link Router#runBypassed}).
 */
final class ComplexRoute {

  private static final MethodHandle RUN;

  static {
    try {
      RUN = MethodHandles.lookup().findVirtual(ComplexRoute.class, "run",
          MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GatedSite site;
  private final Router router;
  private final MethodHandle legacy;
  private final MethodHandle newBody;
  /** The gated class's full-privilege lookup, for the comparator. */
  private final MethodHandles.Lookup caller;
  /**
   * The comparator, linked by the first comparison, on a secondary's thread: linking it (its class,
   * its constructor, two bound method handles) took tens of ms on a cold JVM, and the first shadow
   * or dual-run call of a method paid them on the caller's thread even when nothing was compared.
   */
  private volatile ComparatorLink comparator;
  /**
   * The two sides, bound once. Named classes rather than lambdas, here and for the secondary: the
   * first shadow or dual-run call of an application runs through here, and each lambda's first use
   * spins a class on the caller's thread (milliseconds at start-up).
   */
  private final Outcome.SideCall legacyCall;
  private final Outcome.SideCall newCall;

  private ComplexRoute(GatedSite site, Router router, MethodHandle legacy, MethodHandle newBody,
      MethodHandles.Lookup caller) {
    this.site = site;
    this.router = router;
    this.legacy = legacy;
    this.newBody = newBody;
    this.caller = caller;
    this.legacyCall = new LegacySide();
    this.newCall = new NewSide();
  }

  static CallSite link(MethodHandles.Lookup caller, MethodType type, GatedSite site, Router router)
      throws ReflectiveOperationException {
    return new ConstantCallSite(create(caller, type, site, router).target(type));
  }

  /** The route of one call site of {@code type}: its handles to the legacy method and to the gated body. */
  static ComplexRoute create(MethodHandles.Lookup caller, MethodType type, GatedSite site, Router router)
      throws ReflectiveOperationException {
    Class<?> owner = caller.lookupClass();
    SiteDescriptor descriptor = site.descriptor();
    MethodType declared = declaredType(owner, descriptor);
    int arity = type.parameterCount();
    MethodType generic = MethodType.genericMethodType(arity);

    // the body as written, not a subclass's override: invokespecial, as the prologue's fall-through
    MethodHandle newBody = descriptor.isStatic()
        ? caller.findStatic(owner, descriptor.methodName(), declared)
        : caller.findSpecial(owner, descriptor.methodName(), declared, owner);
    MethodHandle legacy = legacyHandle(caller, type, descriptor).asType(generic);
    // fixed arity: a varargs method's handle would otherwise collect the call's array, passed as
    // one Object, into a new array of its own (ClassCastException at the call)
    newBody = newBody.asFixedArity().asType(generic);

    return new ComplexRoute(site, router,
        legacy.asSpreader(Object[].class, arity), newBody.asSpreader(Object[].class, arity), caller);
  }

  /** The call site's target: the receiver and arguments collected into one array, then {@link #run}. */
  MethodHandle target(MethodType type) {
    return RUN.bindTo(this).asCollector(Object[].class, type.parameterCount()).asType(type);
  }

  /** Calls both sides once, as a primary and a secondary would ({@link ComplexRouteWarmUp}). */
  void runBothSides(Object[] arguments) throws Throwable {
    Object unusedLegacy = legacy.invokeExact(arguments);
    Object unusedNew = newBody.invokeExact(arguments);
  }

  /**
   * The legacy method as a handle of the call site's {@code type} (receiver and arguments in, the
   * result boxed out); for a void method without legacy, one that does nothing and answers null.
   * Also what a call site answers with when this route cannot be linked at all ({@link Router}).
   */
  static MethodHandle legacyHandle(MethodHandles.Lookup caller, MethodType type, SiteDescriptor descriptor)
      throws ReflectiveOperationException {
    if (descriptor.legacyName() == null) {
      // a void method without legacy: "off" skips the body
      return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, type.parameterList());
    }
    Class<?> owner = caller.lookupClass();
    MethodType declared = declaredType(owner, descriptor);
    MethodHandle legacy = descriptor.isStatic()
        ? caller.findStatic(owner, descriptor.legacyName(), declared)
        : caller.findVirtual(owner, descriptor.legacyName(), declared);
    return legacy.asFixedArity().asType(type); // boxes the result; a void legacy answers null
  }

  /**
   * The gated method's own type (the legacy has the same), from its descriptor: the call site's type
   * cannot say it, as the prologue erases reference parameters to {@code Object} there (so that a
   * parameter type absent at run time fails here, where the agent turns it into legacy, and not
   * in the JVM's resolution of the instruction, which would throw into every such call). Handles
   * are found by name and type, never through {@code getDeclaredMethod}, which resolves the types of
   * every method the class declares: a class whose other methods name an optional dependency absent
   * at run time (legal in Java, and common) would fail there, and every shadow and dual-run call of
   * the method with it.
   */
  private static MethodType declaredType(Class<?> owner, SiteDescriptor descriptor) {
    return MethodType.fromMethodDescriptorString(descriptor.methodDescriptor(), owner.getClassLoader());
  }

  /** The body of the invokedynamic call: the gated call's receiver and arguments, in order. */
  Object run(Object[] arguments) throws Throwable {
    ExecutionContext context = ExecutionContext.current();
    ComplexDecision decision = context.takePending(site.id());
    if (decision == null) {
      // cannot happen unless the agent is broken; legacy is the safe answer
      return legacy.invokeExact(arguments);
    }
    boolean newPrimary = decision.newIsPrimary();
    // the primary is timed as the simple routes time theirs, one call in latency-sample per method;
    // always under dual-run, whose comparison lines carry both durations
    boolean timed = decision.dualRun() || router.sampleNow(site);
    // while the primary runs, a recursive call of this method on this thread starts no secondary of
    // its own (see Router.routeOn): one secondary per outer call, not one per level
    int outerPrimary = context.primarySite;
    context.primarySite = site.id();
    Outcome primary;
    try {
      primary = newPrimary ? runNew(arguments, timed) : Outcome.run(legacyCall, arguments, timed);
    } finally {
      context.primarySite = outerPrimary;
    }
    try {
      FlagTelemetry telemetry = router.telemetryOf(site);
      // a timed primary is recorded by its secondary, on the pool's thread: recording it here took
      // the histogram's rarely run code onto one caller in sixteen (cold, it showed in the shadow
      // row's p99); a skipped secondary leaves it to the caller
      Runnable secondary = new SecondaryRun(decision, arguments, primary, timed, telemetry);
      if (!router.secondaries().submit(secondary, telemetry, decision.shopperId(), context) && timed) {
        telemetry.latency(newPrimary, true, primary.nanos());
      }
    } catch (Throwable agentFault) {
      router.telemetryOf(site).agentFault("after primary of " + site.descriptor().displayName(), agentFault);
    }
    return primary.replay();
  }

  private Outcome runNew(Object[] arguments, boolean timed) {
    return Outcome.run(newCall, arguments, timed);
  }

  /** The legacy method, called with the gated call's receiver and arguments. */
  private final class LegacySide implements Outcome.SideCall {
    @Override
    public Object call(Object[] arguments) throws Throwable {
      return legacy.invokeExact(arguments);
    }
  }

  /** The gated method's own body: the method re-entered on this thread with routing bypassed once. */
  private final class NewSide implements Outcome.SideCall {
    @Override
    public Object call(Object[] arguments) throws Throwable {
      return router.runBypassed(site.id(), new NewBodyCall(arguments));
    }
  }

  private final class NewBodyCall implements Router.ThrowingSupplier {
    private final Object[] arguments;

    NewBodyCall(Object[] arguments) {
      this.arguments = arguments;
    }

    @Override
    public Object get() throws Throwable {
      return newBody.invokeExact(arguments);
    }
  }

  /** The secondary side of one call, run on the pool. */
  private final class SecondaryRun implements Runnable {
    private final ComplexDecision decision;
    private final Object[] arguments;
    private final Outcome primary;
    /** Whether the primary was a latency sample, recorded here rather than on the caller's thread. */
    private final boolean primaryTimed;
    private final FlagTelemetry telemetry;

    SecondaryRun(ComplexDecision decision, Object[] arguments, Outcome primary, boolean primaryTimed,
        FlagTelemetry telemetry) {
      this.decision = decision;
      this.arguments = arguments;
      this.primary = primary;
      this.primaryTimed = primaryTimed;
      this.telemetry = telemetry;
    }

    @Override
    public void run() {
      if (primaryTimed) {
        telemetry.latency(decision.newIsPrimary(), true, primary.nanos());
      }
      runSecondary(decision, arguments, primary, telemetry);
    }
  }

  private void runSecondary(ComplexDecision decision, Object[] arguments, Outcome primary, FlagTelemetry telemetry) {
    boolean newPrimary = decision.newIsPrimary();
    Outcome secondary = newPrimary ? Outcome.run(legacyCall, arguments, true) : runNew(arguments, true);
    if (ExecutionContext.current().secondaryAbandoned()) {
      return; // timed out and interrupted: counted as a timeout, not as an error or a divergence
    }
    telemetry.latency(!newPrimary, false, secondary.nanos());
    if (secondary.thrown() != null) {
      telemetry.secondaryFailed(decision.shopperId(), secondary.thrown());
    }
    if (!decision.dualRun() || !site.descriptor().comparable()) {
      return;
    }
    ComparatorLink link = comparator();
    OutcomeComparison comparison = link.comparison();
    if (comparison == null) {
      telemetry.agentFault("comparator of " + site.descriptor().displayName(), link.unavailable());
      return;
    }
    Outcome legacyOutcome = newPrimary ? secondary : primary;
    Outcome newOutcome = newPrimary ? primary : secondary;
    boolean equivalent;
    try {
      equivalent = comparison.equivalent(legacyOutcome, newOutcome);
    } catch (Throwable comparatorFailed) {
      telemetry.comparatorFailed(site.descriptor(), comparatorFailed);
      return;
    }
    telemetry.compared(decision.shopperId(), equivalent,
        equivalent ? null : comparison.render(legacyOutcome),
        equivalent ? null : comparison.render(newOutcome),
        legacyOutcome.nanos(), newOutcome.nanos());
  }

  private ComparatorLink comparator() {
    ComparatorLink link = comparator;
    if (link == null) {
      // racy on purpose: two first comparisons may both link it, and either result serves
      OutcomeComparison made = null;
      Throwable unavailable = null;
      try {
        made = OutcomeComparison.create(caller, site.descriptor().comparatorClassName(), router.options().fullValuesInLogs());
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        unavailable = e; // routing still works; comparisons are reported as agent faults
      }
      link = new ComparatorLink(made, unavailable);
      comparator = link;
    }
    return link;
  }

  /** The comparator, or why it could not be made. */
  private record ComparatorLink(OutcomeComparison comparison, Throwable unavailable) {}
}
