package dev.flaggate.agent.instrumentation;

import dev.flaggate.bootstrap.GatedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tells, once per class loader, when the gated methods it loads cannot reach the agent: a loader
 * that does not delegate {@code dev.flaggate.bootstrap} to the bootstrap loader (OSGi's default
 * without boot delegation) makes every rewritten method's call into the bridge fail. Those calls
 * still run legacy (the prologue catches that), but the agent would hear nothing of them; so each
 * such method is reported as misconfigured, with the fix, the way a method the agent refuses is.
 *
 * <p>Why asynchronously: the only sure test is to ask the loader for the bridge's class, and asking
 * a loader to load a class from inside the transformer, while it defines another, invites class
 * circularity errors and lock-order deadlocks. A daemon thread of the agent asks instead, once per
 * loader; the bootstrap, platform and system loaders are known to delegate and are never asked.
 * Loaders are held weakly: a web application undeployed before its check is simply forgotten.
 */
final class BridgeReachability {

  /** A gated method whose loader is being checked: reported if the loader turns out not to reach. */
  record PendingMethod(String className, String method) {}

  private final InstrumentationReporter reporter;
  /** Where checks run; made with the first loader to check (most applications have none). Guarded by {@link #loaders}. */
  private Executor checks;
  /** Per loader: its check's answer, or the methods waiting for it. Guarded by itself. */
  private final Map<ClassLoader, LoaderCheck> loaders = new WeakHashMap<>();

  /** One loader's check: {@code reaches} is null until it has run; meanwhile its methods wait. */
  private static final class LoaderCheck {
    final List<PendingMethod> waiting = new ArrayList<>();
    Boolean reaches;
  }

  BridgeReachability(InstrumentationReporter reporter) {
    this(reporter, null);
  }

  BridgeReachability(InstrumentationReporter reporter, Executor checks) {
    this.reporter = reporter;
    this.checks = checks;
  }

  /** Called for each class whose gated methods were rewritten, with the loader defining it. Never throws. */
  void routed(ClassLoader loader, String className, List<String> methods) {
    try {
      recordRouted(loader, className, methods);
    } catch (Throwable unexpected) {
      // a loader whose hashCode or equals throws, say: it goes unchecked, and the class as rewritten
      try {
        reporter.warning(className, String.join(", ", methods),
            "could not check whether its class loader reaches the agent (" + unexpected
                + "): should it not, every call runs legacy");
      } catch (Throwable alsoFailed) {
        // nothing more to be done from inside a transformer
      }
    }
  }

  private void recordRouted(ClassLoader loader, String className, List<String> methods) {
    if (surelyDelegates(loader)) {
      return;
    }
    Executor startCheckOn = null;
    boolean cannotReach = false;
    synchronized (loaders) {
      LoaderCheck check = loaders.get(loader);
      if (check == null) {
        check = new LoaderCheck();
        loaders.put(loader, check);
        if (checks == null) {
          checks = checkThread();
        }
        startCheckOn = checks;
      }
      if (Boolean.TRUE.equals(check.reaches)) {
        return;
      }
      cannotReach = Boolean.FALSE.equals(check.reaches);
      if (!cannotReach) {
        for (String method : methods) {
          check.waiting.add(new PendingMethod(className, method));
        }
      }
    }
    if (cannotReach) {
      for (String method : methods) {
        report(loader, new PendingMethod(className, method));
      }
    } else if (startCheckOn != null) {
      try {
        startCheckOn.execute(new Check(loader));
      } catch (RuntimeException | Error rejected) {
        // no thread for the check: the methods stay unreported, as they were before this check existed
      }
    }
  }

  /** Asks {@code loader} for the bridge and reports the methods that waited for the answer. */
  void check(ClassLoader loader) {
    boolean reaches = reachesBridge(loader);
    List<PendingMethod> waited;
    synchronized (loaders) {
      LoaderCheck check = loaders.get(loader);
      if (check == null) {
        check = new LoaderCheck();
        loaders.put(loader, check);
      }
      check.reaches = reaches;
      waited = List.copyOf(check.waiting);
      check.waiting.clear();
    }
    if (!reaches) {
      for (PendingMethod method : waited) {
        report(loader, method);
      }
    }
  }

  /** Whether {@code loader} resolves the bridge's class to the agent's own copy. */
  static boolean reachesBridge(ClassLoader loader) {
    try {
      return Class.forName(GatedCalls.class.getName(), false, loader) == GatedCalls.class;
    } catch (Throwable unreachable) {
      return false;
    }
  }

  private void report(ClassLoader loader, PendingMethod method) {
    reporter.misconfigured(method.className(), method.method(),
        "its class loader (" + describe(loader) + ") does not resolve " + GatedCalls.class.getPackageName()
            + " to the bootstrap class loader, so the method cannot reach the agent: every call runs legacy",
        "let that loader delegate the package " + GatedCalls.class.getPackageName() + " to the bootstrap loader"
            + " (OSGi: -Dorg.osgi.framework.bootdelegation=" + GatedCalls.class.getPackageName() + ".*)");
  }

  private static String describe(ClassLoader loader) {
    String name = loader.getName();
    return loader.getClass().getName() + (name == null ? "" : " '" + name + "'");
  }

  private static boolean surelyDelegates(ClassLoader loader) {
    return loader == null || loader == ClassLoader.getSystemClassLoader() || loader == ClassLoader.getPlatformClassLoader();
  }

  /** One daemon thread, started with the first loader to check and gone a few seconds after the last. */
  private static Executor checkThread() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        new CheckThreads());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private final class Check implements Runnable { // not a lambda: this runs on the class-loading path
    private final ClassLoader loader;

    Check(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    public void run() {
      try {
        check(loader);
      } catch (Throwable unexpected) {
        // a check that fails says nothing; the methods still run legacy, as without it
      }
    }
  }

  private static final class CheckThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable check) {
      // no inherited thread locals: nothing of the class-loading thread's context travels here
      Thread thread = new Thread(null, check, "flaggate-loader-check", 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(null); // nor the class-loading thread's loader: a web app's must not be pinned
      return thread;
    }
  }
}
