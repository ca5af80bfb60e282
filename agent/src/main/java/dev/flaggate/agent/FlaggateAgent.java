package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.BootstrapInjector;
import dev.flaggate.agent.instrumentation.Instrumenter;
import dev.flaggate.agent.routing.SiteRegistry;
import dev.flaggate.bootstrap.GatedCalls;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:flaggate-agent.jar=...}, and
 * {@code agentmain} for attaching to a running JVM.
 *
 * <p>{@code premain} does only what must precede the application (milliseconds): it places the
 * bridge in the bootstrap class loader and installs the class-file transformer, whose rewriting
 * classes load with the first gated class. The runtime (logs, metrics, config, router) starts on a
 * daemon thread while the application starts; a gated call that comes before it is ready waits for
 * it (bounded), and every failure of the runtime leaves the application on its legacy path. Only a
 * transformer that cannot be installed at all leaves gated methods with their own (new) body, as
 * without the agent: {@code FlagGate.agentAttached()} then answers false so the application can
 * refuse to run, and the agent says so loudly on stderr.
 */
public final class FlaggateAgent {

  private static final long ATTACH_WAIT_MILLIS = 60_000;

  private static boolean started;

  private FlaggateAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static synchronized void start(String arguments, Instrumentation instrumentation, boolean attached) {
    if (started) {
      StartupMessages.warn("the agent is already running in this JVM; the second start (arguments '"
          + arguments + "') is ignored");
      return;
    }
    started = true;
    SiteRegistry sites = new SiteRegistry();
    DeferredReporter reporter = new DeferredReporter();
    BridgeGate bridge = new BridgeGate();
    // an anonymous class, not a lambda: the first lambda bootstraps method-handle machinery, and
    // nothing on the way to the first gated call should pay for that (see ARCHITECTURE.md)
    Thread runtime = daemon("flaggate-start-runtime", new Runnable() {
      @Override
      public void run() {
        try {
          JavaLangOpening.open(instrumentation); // before the engine's first bucket (see there)
          AgentRuntime.start(arguments, sites, reporter, bridge);
        } catch (Throwable e) {
          if (bridge.await()) {
            GatedCalls.failed(); // named only once the bridge is surely in the bootstrap loader
          }
          StartupMessages.legacyOnly(e);
        }
        if (attached) {
          ApiRelinker.relinkLoadedApis(instrumentation);
          Instrumenter.retransformLoaded(instrumentation, reporter);
        }
      }
    });
    // started first: the runtime's start-up overlaps the bridge injection below
    runtime.start();
    try {
      BootstrapInjector.inject(instrumentation);
      sites.publishToBridge();
      Instrumenter.install(instrumentation, sites, reporter);
      GatedCalls.transformerInstalled();
    } catch (Throwable e) {
      bridge.opened(false);
      StartupMessages.inactive("could not install itself", e);
      return;
    }
    bridge.opened(true);
    if (attached) {
      awaitAttached(runtime);
    }
  }

  /**
   * Attached to a running JVM, there is no application start-up to overlap with, and whoever
   * attached takes the return of {@code loadAgent} to mean the agent is in effect: so agentmain
   * returns only once already-loaded gated classes are retransformed and loaded API copies relinked
   * (bounded, so a stuck start never hangs the JVM's attach listener).
   */
  private static void awaitAttached(Thread runtime) {
    try {
      runtime.join(ATTACH_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (runtime.isAlive()) {
      StartupMessages.warn("the agent was attached but is still starting after " + ATTACH_WAIT_MILLIS / 1000
          + " s; already-loaded gated classes are routed once it is done");
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
