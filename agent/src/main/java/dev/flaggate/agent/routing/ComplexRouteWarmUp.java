package dev.flaggate.agent.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Links and runs, once, on a daemon thread of the agent, complex routes of a few common method
 * shapes on a class of its own, so that the method-handle forms they need are spun before an
 * application's first shadow or dual-run call needs them.
 *
 * <p>Why: the first shadow or dual-run call of a method links its invokedynamic call site on the
 * caller's thread. On a cold JVM that spun some forty {@code LambdaForm} classes (the argument
 * collector, the bound route, the spreaders, the type adaptations): 60-90 ms for that one call. The
 * JDK caches those forms by the erased shape of the method (references, ints, longs...), so a route
 * linked here for {@code (Object, String, Object)Object} serves every gated method of that shape.
 * What is specific to a method (its own handles, its class) is still linked by its first call, in
 * a fraction of the time.
 *
 * <p>When: only for an application that will use these routes: once a gated method naming a
 * companion shadow or dual-run flag is instrumented, or when the flags in effect (at start, or
 * after a reload) turn shadow mode or dual-run on for some flag. And not before {@value #DELAY_MILLIS} ms after
 * routing started ({@link #routingStarted()}): the warm-up costs some 70 ms of CPU, which in the
 * JVM's first moments, on a small machine, is taken from the agent's own start and the
 * application's (the demo's start-up took 30-40 ms longer with the warm-up running then, in 25
 * alternating runs). A short-lived process is gone before it runs; a service warms up before its
 * first requests come. It touches nothing of the application's: its sites are never registered and
 * its routes never decide, so no metric or log line names them, and a failure is ignored (the
 * first real call then links as it always did).
 */
public final class ComplexRouteWarmUp implements Runnable {

  /** How long after routing starts the warm-up waits, so as not to compete with start-up. */
  static final long DELAY_MILLIS = 500;

  private static final Trigger TRIGGER = new Trigger();

  private final long notBefore;

  ComplexRouteWarmUp() {
    this(0);
  }

  private ComplexRouteWarmUp(long notBefore) {
    this.notBefore = notBefore;
  }

  /** Asks for the warm-up; it runs once per JVM, on a daemon thread, once routing has started. */
  public static void request() {
    start(TRIGGER.requested());
  }

  /** Routing has started (the router is installed): a warm-up asked for runs {@value #DELAY_MILLIS} ms from now. */
  public static void routingStarted() {
    start(TRIGGER.routingStarted(System.nanoTime()));
  }

  private static void start(long notBefore) {
    if (notBefore == Trigger.NOT_DUE) {
      return;
    }
    Thread thread = new Thread(null, new ComplexRouteWarmUp(notBefore), "flaggate-warm-up", 0, false);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * When the warm-up starts: once both it was asked for and routing has started, whichever comes
   * last, and only once.
   */
  static final class Trigger {

    /** What {@link #requested} and {@link #routingStarted} return when the warm-up must not start now. */
    static final long NOT_DUE = Long.MIN_VALUE;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean requested;
    private volatile boolean routing;
    private volatile long routingStartedAt;

    /** @return the {@code nanoTime} the warm-up may run from, if this call starts it; else {@link #NOT_DUE} */
    long requested() {
      requested = true;
      return due();
    }

    /** @return as {@link #requested()}; {@code now} is {@link System#nanoTime()} */
    long routingStarted(long now) {
      routingStartedAt = now;
      routing = true;
      return due();
    }

    private long due() {
      if (!requested || !routing || !started.compareAndSet(false, true)) {
        return NOT_DUE;
      }
      return routingStartedAt + TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
    }
  }

  @Override
  public void run() {
    try {
      long wait = notBefore - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      warmUp();
    } catch (Throwable ignored) {
      // a warm-up only: see the class comment
    }
  }

  /** Links and calls a route of each shape (both sides), as a first call and its secondary would. */
  void warmUp() throws Throwable {
    MethodHandles.Lookup lookup = Subject.lookup();
    Subject subject = new Subject();
    warm(lookup, "text", MethodType.methodType(Object.class, String.class), subject, "s");
    warm(lookup, "pair", MethodType.methodType(Object.class, String.class, Object.class), subject, "s", "a");
    warm(lookup, "triple", MethodType.methodType(Object.class, String.class, Object.class, Object.class),
        subject, "s", "a", "b");
    warm(lookup, "count", MethodType.methodType(int.class, String.class, int.class), subject, "s", 1);
    warm(lookup, "act", MethodType.methodType(void.class, String.class, Object.class), subject, "s", "a");
  }

  /**
   * Links and calls the route of {@code method}, declared as {@code declared}, through a call site
   * typed as the prologue types it: the receiver first, the result boxed.
   */
  private void warm(MethodHandles.Lookup lookup, String method, MethodType declared, Object... arguments)
      throws Throwable {
    String legacy = "legacy" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    GatedSite site = new GatedSite(-1, new SiteDescriptor(Subject.class.getName(), method,
        declared.toMethodDescriptorString(), false, legacy, "(warm-up)", null, null,
        "dev.flaggate.ResultComparator$Equality", true));
    MethodType type = declared.erase().insertParameterTypes(0, Subject.class).changeReturnType(Object.class);
    // no router: these routes never decide, count or log anything (no decision is pending here)
    ComplexRoute route = ComplexRoute.create(lookup, type, site, null);
    route.target(type).invokeWithArguments(arguments); // no decision pending here: the route answers with legacy
    route.runBothSides(arguments);
  }

  /** The methods the warm-up links: one per common shape, each with its legacy. */
  static final class Subject {
    static MethodHandles.Lookup lookup() {
      return MethodHandles.lookup();
    }

    Object text(String shopperId) {
      return shopperId;
    }

    private Object legacyText(String shopperId) {
      return shopperId;
    }

    Object pair(String shopperId, Object a) {
      return a;
    }

    private Object legacyPair(String shopperId, Object a) {
      return a;
    }

    Object triple(String shopperId, Object a, Object b) {
      return b;
    }

    private Object legacyTriple(String shopperId, Object a, Object b) {
      return b;
    }

    int count(String shopperId, int n) {
      return n;
    }

    private int legacyCount(String shopperId, int n) {
      return n;
    }

    void act(String shopperId, Object a) {}

    private void legacyAct(String shopperId, Object a) {}
  }
}
