package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.BootstrapInjector;
import dev.flaggate.agent.instrumentation.Instrumenter;
import dev.flaggate.agent.routing.SiteRegistry;
import dev.flaggate.bootstrap.GatedCalls;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:flaggate-agent.jar=...}, and
 * {@code agentmain} for attaching to a running JVM.
 *
 * <p>{@code premain} does only what must precede the application (milliseconds): it places the
 * bridge in the bootstrap class loader and installs a plain-JDK class filter. The expensive parts,
 * Byte Buddy's transformer and the runtime (logs, metrics, config, router), start on two daemon
 * threads while the application starts. A gated class that loads early waits for the transformer;
 * a gated call that comes early waits for the runtime (both bounded). Every failure leaves the
 * application on its legacy path, except a transformer that cannot be built at all: then gated
 * methods keep their own (new) body, as without the agent, {@code FlagGate.agentAttached()}
 * answers false so the application can refuse to run, and the agent says so loudly on stderr.
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
    CompletableFuture<ClassFileTransformer> transformer;
    try {
      BootstrapInjector.inject(instrumentation);
      transformer = Instrumenter.installFilter(instrumentation);
      GatedCalls.transformerInstalled();
    } catch (Throwable e) {
      StartupMessages.inactive("could not install itself", e);
      return;
    }
    SiteRegistry sites = new SiteRegistry();
    DeferredReporter reporter = new DeferredReporter();
    Thread transformerBuilder = daemon("flaggate-start-transformer", () -> {
      try {
        transformer.complete(Instrumenter.buildTransformer(sites, reporter));
      } catch (Throwable e) {
        GatedCalls.transformerFailed();
        transformer.completeExceptionally(e);
        StartupMessages.inactive("could not build its class-file transformer", e);
      }
    });
    Thread runtime = daemon("flaggate-start-runtime", () -> {
      try {
        AgentRuntime.start(arguments, sites, reporter);
      } catch (Throwable e) {
        GatedCalls.failed();
        StartupMessages.legacyOnly(e);
      }
      if (attached && !transformer.isCompletedExceptionally()) {
        transformer.join();
        ApiRelinker.relinkLoadedApis(instrumentation);
        Instrumenter.retransformLoaded(instrumentation, reporter);
      }
    });
    transformerBuilder.start();
    runtime.start();
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
