package dev.flaggate.agent.observability.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The agent's Prometheus registry and the meters that expose {@link AgentMetrics}' counts, made by
 * the first read of the metrics (a scrape), never on the way to the first gated call: this is the
 * only class of the agent's start that names Micrometer's and Prometheus' types (see
 * {@link AgentMetrics#registry()}).
 */
final class MeterExposure {

  private final Map<String, FlagMetrics> flags;
  private final PrometheusMeterRegistry registry;

  MeterExposure(Map<String, FlagMetrics> flags, AtomicInteger misconfigured,
      AtomicReference<IntSupplier> secondariesRunning, Map<String, LongAdder> reloads, String[] reloadResults) {
    this.flags = flags;
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.getPrometheusRegistry().register(new LatencyCollector(flags.values()));
    Gauge.builder("flaggate.misconfigured.methods", misconfigured, AtomicInteger::get)
        .description("Gated methods the agent could not route and left as they are")
        .strongReference(true)
        .register(registry);
    Gauge.builder("secondary.running", secondariesRunning, running -> running.get().getAsInt())
        .description("Secondary executions running now")
        .strongReference(true)
        .register(registry);
    for (String result : reloadResults) {
      FunctionCounter.builder("config.reloads", reloads.get(result), LongAdder::doubleValue)
          .description("Config file reloads, by result")
          .tag("result", result)
          .register(registry);
    }
  }

  /**
   * The registry with every flag's meters registered. Meters are registered here, when the registry
   * is read, and not on the gated call that first counts them: registering a Micrometer meter takes
   * a lock, builds ids and tags and, early on, runs interpreted, which cost each gated method's first
   * call about a millisecond. The counts themselves live in the flags' adders from the first call,
   * so what a read shows is the same.
   */
  MeterRegistry exposed() {
    for (FlagMetrics flag : flags.values()) {
      flag.exposeIn(registry);
    }
    return registry;
  }

  /** The Prometheus text exposition of every agent metric. */
  String scrape() {
    exposed();
    return registry.scrape();
  }
}
