package dev.flaggate.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The entry points that instrumented methods call. Their bytecode refers to this class by name;
 * it lives in the bootstrap class loader, so every class loader resolves it to this one class.
 *
 * <p>Until the agent has fully started, calls wait for it (bounded), then route; an agent that fails
 * half-way ({@link #failed()}) leaves every call on its legacy path.
 */
public final class GatedCalls {

  /** Run the legacy method only. Zero, so that a failed or skipped decision means legacy. */
  public static final int LEGACY = 0;
  /** Run the method's own (new) body only. */
  public static final int NEW = 1;
  /** Run legacy only and time it (a latency sample). */
  public static final int LEGACY_TIMED = 2;
  /** Run the new body only and time it (a latency sample). */
  public static final int NEW_TIMED = 3;
  /** Shadow or dual-run: both sides run, through the complex call site. */
  public static final int COMPLEX = 4;

  /**
   * What a shadow or dual-run call site that could not be linked throws, and what the prologue
   * catches around that call, by identity, to answer with legacy instead. Only the bridge throws it,
   * so an application's own exception is never taken for it. Its stack trace is left empty: it is
   * thrown on every call of such a method and seen by no one.
   */
  public static final Throwable UNLINKED_ROUTE = unlinkedRouteMarker();

  private static final StartingDispatcher STARTING = new StartingDispatcher();
  private static volatile Dispatcher dispatcher = STARTING;
  private static volatile boolean transforming;
  /**
   * Each gated method's runtime state, by site id, as the agent registered it: handed to the
   * dispatcher with the call, so that finding it costs one read of this array instead of a lookup
   * through the dispatcher's own fields (each a dependent load on every gated call).
   */
  private static volatile Object[] siteStates = new Object[0];

  private GatedCalls() {}

  /** Installed by the agent once it is ready to route; until then every call goes to legacy. */
  public static void install(Dispatcher ready) {
    dispatcher = ready;
    STARTING.ready();
  }

  /** The agent could not start its runtime: every call goes to legacy from now on. */
  public static void failed() {
    install(LegacyOnlyDispatcher.INSTANCE);
  }

  /** Called once the class-file transformer is installed: from now on gated methods are routed. */
  public static void transformerInstalled() {
    transforming = true;
  }

  /** Publishes the site states (the agent's registry, copied on write): read by every {@link #route}. */
  public static void siteStates(Object[] states) {
    siteStates = states;
  }

  /** Whether gated methods are being routed in this JVM (the meaning of {@code FlagGate.agentAttached()}). */
  static boolean routing() {
    return transforming;
  }

  static Dispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Called on entry of every gated method of a class file before Java 11, which cannot hold the
   * site's state as a constant: the state is read here, by id. Never throws (a throwing agent means
   * legacy).
   */
  public static int route(int site, Object shopperArgument) {
    return route(site, stateOf(site), shopperArgument);
  }

  /**
   * Called on entry of every gated method of a Java 11+ class file, the site's state loaded by
   * {@link #siteState} as a constant of the class. Never throws (a throwing agent means legacy).
   */
  public static int route(int site, Object siteState, Object shopperArgument) {
    try {
      return dispatcher.route(site, siteState, shopperArgument);
    } catch (Throwable failure) {
      return routeFailed(failure, site);
    }
  }

  /**
   * The route of a call of {@code site} could not be asked ({@code failure}: a shopper accessor or
   * {@code toString()} that threw, or the agent itself): the call goes to legacy, and the agent is
   * told, to say so; unless it is a re-entry armed to run the new body ({@link Dispatcher#routeFailed}).
   * Called from the prologue's handler too, with the operands in the order the handler has them.
   * Never throws.
   *
   * @return {@link #LEGACY}, or {@link #NEW} for an armed re-entry
   */
  public static int routeFailed(Throwable failure, int site) {
    try {
      return dispatcher.routeFailed(site, failure) == NEW ? NEW : LEGACY;
    } catch (Throwable ignored) {
      return LEGACY; // telling is best effort; the call goes to legacy either way
    }
  }

  /**
   * Bootstrap method of the dynamic constant ({@code ldc}) through which a gated method of a Java 11+
   * class file reaches its site's state: resolved once, at the method's first call, and from then on
   * a constant of the class, which the JIT compiler folds into the routing code. The registry
   * publishes a site before its class is defined, so the state is there; were it not, the constant
   * is null and the router finds the site by id on each call. Never throws: a failed resolution
   * would fail every call of the method.
   */
  public static Object siteState(MethodHandles.Lookup caller, String name, Class<?> type, int site) {
    return stateOf(site);
  }

  /** The state published for {@code site}, or {@code null}; never throws. */
  private static Object stateOf(int site) {
    Object[] states = siteStates;
    return site >= 0 && site < states.length ? states[site] : null;
  }

  /** Called after a sampled primary run. Never throws. */
  public static void primaryDone(int site, boolean newPath, long startNanos) {
    try {
      dispatcher.primaryDone(site, newPath, startNanos);
    } catch (Throwable ignored) {
      // a latency sample is never worth failing the caller
    }
  }

  /**
   * Called before a sampled call of the new body: the method calls itself, and that next entry into
   * {@code site} on this thread runs the body instead of routing. Never throws.
   */
  public static void bypassNext(int site) {
    try {
      dispatcher.bypassNext(site);
    } catch (Throwable ignored) {
      // the re-entry then routes again: at worst one more decision for this call
    }
  }

  /** Called after (or as it throws) the sampled call of the new body that {@link #bypassNext} armed. Never throws. */
  public static void newBodyDone(int site, long startNanos) {
    try {
      dispatcher.newBodyDone(site, startNanos);
    } catch (Throwable ignored) {
      // a latency sample is never worth failing the caller
    }
  }

  /**
   * Bootstrap method of the invokedynamic instruction that runs shadow and dual-run calls. Never
   * throws: a failed link would throw a {@code BootstrapMethodError} into every such call of the
   * method. When the agent cannot link the route, nor even a handle to legacy (a type of the
   * method's absent at run time, say), the call site throws {@link #UNLINKED_ROUTE}, which the
   * prologue turns into a direct call of legacy.
   */
  public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int site) {
    try {
      return dispatcher.linkComplexCall(caller, type, site);
    } catch (Throwable linkFailed) {
      return unlinked(type);
    }
  }

  private static CallSite unlinked(MethodType type) {
    MethodHandle thrower = MethodHandles.throwException(type.returnType(), Throwable.class).bindTo(UNLINKED_ROUTE);
    return new ConstantCallSite(MethodHandles.dropArguments(thrower, 0, type.parameterList()));
  }

  private static Throwable unlinkedRouteMarker() {
    Throwable marker = new IllegalStateException(
        "flaggate: this shadow/dual-run call site could not be linked; the gated method's prologue answers with legacy");
    marker.setStackTrace(new StackTraceElement[0]);
    return marker;
  }
}
