package dev.flaggate.agent;

import dev.flaggate.agent.config.ConfigReloader;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.watch.ConfigFileWatcher;
import dev.flaggate.agent.config.watch.WatchOptions;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.PeriodicSummary;
import dev.flaggate.agent.observability.logging.LogOutput;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.metrics.MetricsEndpoint;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.SiteRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts everything behind the bridge, in dependency order: logs, counters, the rollout engine and
 * its config sources, the secondary pool and the router; then hands the router to the bridge, which
 * releases the gated calls waiting for it. Only then come the metrics endpoint (and the Micrometer
 * registry it reads) and the periodic summary, which no gated call needs.
 */
final class AgentRuntime {

  private AgentRuntime() {}

  /** Returns without routing (every call stays on legacy) when the bridge never came. */
  static void start(String arguments, SiteRegistry sites, DeferredReporter reporter, BridgeGate bridge) {
    AgentOptions options = AgentOptions.parse(arguments, systemProperties(), System.getenv());
    LogOutput.configure(options.log());
    ExitHook exitHook = ExitHook.register(); // from now on lines are queued: the hook writes the last ones
    AgentEvents events = AgentEvents.create(options.checkLogsPerSecond(), options.routing().fullValuesInLogs());
    exitHook.tellsLeftOutOf(events);
    for (String problem : options.problems()) {
      events.optionIgnored(arguments, problem);
    }

    AgentMetrics metrics = AgentMetrics.create();
    ReloadReporter reloads = new ReloadReporter(events, metrics);
    RolloutEngine engine = new RolloutEngine(EnvironmentSource.system(), reloads);
    if (options.configPath() != null) {
      WatchOptions watch = WatchOptions.defaults()
          .withPollInterval(options.pollInterval())
          .withMaxFileSize(options.maxConfigBytes());
      ConfigReloader reloader = new ConfigReloader(options.configPath(), engine, reloads);
      ConfigFileWatcher watcher =
          new ConfigFileWatcher(options.configPath(), options.watchService() ? watch : watch.pollingOnly(), reloader);
      exitHook.releases(watcher);
      watcher.start();
    }

    if (!bridge.await()) {
      return; // premain failed and said so; nothing may name a bridge type now
    }
    RoutingStart.install(options, sites, engine, metrics, events, reporter);
    reloads.routingStarted(engine, sites);

    // what no gated call waits for comes after install: the scrape endpoint and the periodic
    // summary. The Micrometer registry (a few hundred classes) is created by the first scrape, not
    // here: loading it on the agent's thread while the application starts took CPU from the
    // application on small machines, and an agent that is never scraped never needs it
    if (options.metricsPort() != null) {
      MetricsEndpoint.start(options.metricsPort(), metrics).ifPresent(exitHook::releases);
    }
    if (!options.summaryPeriod().isZero()) {
      PeriodicSummary.start(metrics, events, options.summaryPeriod());
    }
    events.started(AgentVersion.NUMBER, settings(options));
  }

  private static Map<String, Object> settings(AgentOptions options) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("config", options.configPath() == null ? "environment only" : options.configPath().toString());
    settings.put("metrics_port", options.metricsPort());
    settings.put("log", options.log());
    settings.put("secondary_threads", options.routing().secondaryThreads());
    settings.put("secondary_queue", options.routing().secondaryQueue());
    settings.put("secondary_timeout_ms", options.routing().secondaryTimeout().toMillis());
    settings.put("secondary_sync", options.routing().synchronousSecondaries());
    settings.put("poll_ms", options.pollInterval().toMillis());
    settings.put("watch", options.watchService());
    settings.put("latency_sample", options.routing().latencySampleEvery());
    settings.put("log_full_values", options.routing().fullValuesInLogs());
    settings.put("loaded_by", loadedBy());
    settings.put("bucket_reads", RolloutEngine.bucketReads());
    return settings;
  }

  /**
   * Which class loader holds the agent's classes. The jar's manifest puts it on the bootstrap search
   * path ({@code Boot-Class-Path: flaggate-agent.jar}, resolved next to the jar), where classes load
   * natively and unverified; a jar under another name loads from the system loader, which works the
   * same but starts slower, so the line says why.
   */
  static String loadedBy() {
    return AgentRuntime.class.getClassLoader() == null
        ? "bootstrap"
        : "system: start-up is slower because the agent jar is not named flaggate-agent.jar,"
            + " the name its manifest's Boot-Class-Path gives";
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> properties = new HashMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      properties.put(key, System.getProperty(key));
    }
    return properties;
  }
}
