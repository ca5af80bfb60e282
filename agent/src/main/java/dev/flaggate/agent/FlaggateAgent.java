package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.BootstrapInjector;
import dev.flaggate.agent.instrumentation.Instrumenter;
import dev.flaggate.agent.routing.SiteRegistry;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:flaggate-agent.jar=...}, and
 * {@code agentmain} for attaching to a running JVM.
 *
 * <p>Start-up is ordered so that every failure leaves the application on its legacy path:
 * <ol>
 *   <li>the bridge goes into the bootstrap class loader, routing every call to legacy;</li>
 *   <li>the transformer is installed: from now on gated methods ask the bridge;</li>
 *   <li>options, logs, metrics, config and the router start; only then does the bridge route for
 *       real. If this step fails, the bridge keeps answering legacy.</li>
 * </ol>
 * If step 1 or 2 fails, gated methods keep their own (new) body, as without the agent, and
 * {@code FlagGate.agentAttached()} answers false so the application can refuse to run: the agent
 * says so loudly on stderr.
 */
public final class FlaggateAgent {

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
    try {
      BootstrapInjector.inject(instrumentation);
    } catch (Throwable e) {
      StartupMessages.inactive("could not place its bridge in the bootstrap class loader", e);
      return;
    }
    SiteRegistry sites = new SiteRegistry();
    DeferredReporter reporter = new DeferredReporter();
    try {
      Instrumenter.install(instrumentation, sites, reporter);
      dev.flaggate.bootstrap.GatedCalls.transformerInstalled();
    } catch (Throwable e) {
      StartupMessages.inactive("could not install its class-file transformer", e);
      return;
    }
    try {
      AgentRuntime.start(arguments, sites, reporter);
    } catch (Throwable e) {
      StartupMessages.legacyOnly(e);
    }
    if (attached) {
      ApiRelinker.relinkLoadedApis(instrumentation);
      Instrumenter.retransformLoaded(instrumentation, reporter);
    }
  }
}
