package dev.flaggate.agent;

import dev.flaggate.agent.config.watch.ConfigFileWatcher;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.logging.LogOutput;
import dev.flaggate.agent.observability.metrics.MetricsEndpoint;

/**
 * Releases, as the JVM exits, what would otherwise sit in native code: the config watcher's
 * WatchService (its JDK poller thread blocks in {@code poll}) and the metrics endpoint (its
 * dispatcher blocks in a selector). HotSpot waits up to 300 ms at exit for threads in native code
 * to come back, so without this every run of a short-lived application would end 300 ms later with
 * the agent than without it. It also tells the counts of per-call lines the rate limit left out that
 * no later line told (the periodic summary's job while the JVM runs), and writes the log lines still
 * queued. Nothing here throws.
 */
final class ExitHook extends Thread {

  private volatile ConfigFileWatcher watcher;
  private volatile MetricsEndpoint endpoint;
  private volatile AgentEvents events;

  private ExitHook() {
    super("flaggate-exit");
  }

  /** A hook registered with the runtime; tell it what to release as those start. */
  static ExitHook register() {
    ExitHook hook = new ExitHook();
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException | SecurityException exiting) {
      // the JVM is already exiting (or forbids hooks): nothing to speed up
    }
    return hook;
  }

  void releases(ConfigFileWatcher configWatcher) {
    this.watcher = configWatcher;
  }

  void releases(MetricsEndpoint metricsEndpoint) {
    this.endpoint = metricsEndpoint;
  }

  void tellsLeftOutOf(AgentEvents agentEvents) {
    this.events = agentEvents;
  }

  @Override
  public void run() {
    try {
      AgentEvents agentEvents = events;
      if (agentEvents != null) {
        try {
          agentEvents.reportLeftOut(); // never silently dropped, even when the JVM ends before a summary
        } catch (Throwable ignored) {
          // what follows must still run: an unreleased watcher would hold the exit 300 ms
        }
      }
      LogOutput.flush(); // the lines of the run's last moments are on the writer's queue
      ConfigFileWatcher configWatcher = watcher;
      if (configWatcher != null) {
        configWatcher.stopAtExit();
      }
      MetricsEndpoint metricsEndpoint = endpoint;
      if (metricsEndpoint != null) {
        metricsEndpoint.close();
      }
    } catch (Throwable ignored) {
      // the JVM is exiting; nothing useful can be done about a failure to release
    }
  }
}
