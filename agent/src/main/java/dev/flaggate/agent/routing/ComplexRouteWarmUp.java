package dev.flaggate.agent.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * companion shadow or dual-run flag is instrumented, or when the flags the agent starts with turn
 * shadow mode or dual-run on for some flag (a later reload that first turns them on does not ask
 * for it: the first such call then links as before). It needs no router, so it starts at once,
 * while the application is still loading classes. It touches nothing of the application's: its
 * sites are never registered and its routes never decide, so no metric or log line names them, and
 * a failure is ignored (the first real call then links as it always did).
 */
public final class ComplexRouteWarmUp implements Runnable {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  ComplexRouteWarmUp() {}

  /** Starts the warm-up on a daemon thread, at most once per JVM. */
  public static void request() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(null, new ComplexRouteWarmUp(), "flaggate-warm-up", 0, false);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      warmUp();
    } catch (Throwable ignored) {
      // a warm-up only: see the class comment
    }
  }

  /** Links and calls a route of each shape (both sides), as a first call and its secondary would. */
  void warmUp() throws Throwable {
    MethodHandles.Lookup lookup = Subject.lookup();
    Subject subject = new Subject();
    warm(lookup, "text", MethodType.methodType(Object.class, Subject.class, String.class), subject, "s");
    warm(lookup, "pair", MethodType.methodType(Object.class, Subject.class, String.class, Object.class),
        subject, "s", "a");
    warm(lookup, "triple",
        MethodType.methodType(Object.class, Subject.class, String.class, Object.class, Object.class),
        subject, "s", "a", "b");
    warm(lookup, "count", MethodType.methodType(Object.class, Subject.class, String.class, int.class), subject, "s", 1);
    warm(lookup, "act", MethodType.methodType(Object.class, Subject.class, String.class, Object.class),
        subject, "s", "a");
  }

  private void warm(MethodHandles.Lookup lookup, String method, MethodType type, Object... arguments)
      throws Throwable {
    String legacy = "legacy" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    GatedSite site = new GatedSite(-1, new SiteDescriptor(Subject.class.getName(), method, false, legacy,
        "(warm-up)", null, null, "dev.flaggate.ResultComparator$Equality", true));
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
