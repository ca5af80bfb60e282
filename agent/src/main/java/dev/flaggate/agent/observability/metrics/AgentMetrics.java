package dev.flaggate.agent.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The agent's metrics (contract section 8), in a Prometheus registry of its own.
 *
 * <p>The registry is never Micrometer's global one nor the application's: the agent's meters must
 * not appear in, or be altered by, whatever the application exports, and are read through the
 * agent's own endpoint ({@link MetricsEndpoint}). Meter names are chosen for what Prometheus shows:
 * a counter {@code divergence.count} is exposed as {@code divergence_count_total}, a gauge {@code
 * flaggate.misconfigured.methods} as {@code flaggate_misconfigured_methods}. The histogram {@code
 * latency_ms} is a collector of the same registry, beside Micrometer (see {@link
 * LatencyHistogram} for why).
 *
 * <p>Tags are flag names and fixed words, never a shopper id. Flag names come from annotations, but
 * {@code FlagGate.isEnabled} accepts any string, so past {@value #MAX_FLAGS} distinct flags the rest
 * share the flag name {@value #OTHER_FLAGS}: a bug in the application cannot grow the scrape
 * without bound.
 */
public final class AgentMetrics {

  /** {@code config_reloads_total{result}}: a new config content was applied. */
  public static final String RELOAD_APPLIED = "applied";

  /** {@code config_reloads_total{result}}: the file changed but its content did not. */
  public static final String RELOAD_UNCHANGED = "unchanged";

  /** {@code config_reloads_total{result}}: unreadable content, the last good config kept. */
  public static final String RELOAD_REJECTED = "rejected";

  /** {@code config_reloads_total{result}}: the file was deleted, the last good config kept. */
  public static final String RELOAD_DELETED = "deleted";

  static final int MAX_FLAGS = 500;
  static final String OTHER_FLAGS = "(other)";

  private final PrometheusMeterRegistry registry;
  private final ConcurrentMap<String, FlagMetrics> flags = new ConcurrentHashMap<>();
  private final Function<String, FlagMetrics> newFlag;
  private final AtomicInteger misconfigured = new AtomicInteger();
  private final AtomicReference<IntSupplier> secondariesRunning =
      new AtomicReference<>(() -> 0);

  private AgentMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.newFlag = flag -> new FlagMetrics(flag, registry);
    registry.getPrometheusRegistry().register(new LatencyCollector(flags.values()));
    Gauge.builder("flaggate.misconfigured.methods", misconfigured, AtomicInteger::get)
        .description("Gated methods the agent could not route and left as they are")
        .strongReference(true)
        .register(registry);
    Gauge.builder("secondary.running", secondariesRunning, running -> running.get().getAsInt())
        .description("Secondary executions running now")
        .strongReference(true)
        .register(registry);
    for (String result :
        new String[] {RELOAD_APPLIED, RELOAD_UNCHANGED, RELOAD_REJECTED, RELOAD_DELETED}) {
      reloads(result);
    }
  }

  /** A new set of agent metrics with a fresh registry. */
  public static AgentMetrics create() {
    return new AgentMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** The meters of {@code flag}, created on first use and the same instance afterwards. */
  public FlagMetrics flag(String flag) {
    FlagMetrics known = flag == null ? null : flags.get(flag);
    if (known != null) {
      return known;
    }
    String name = flag != null && flags.size() < MAX_FLAGS ? flag : OTHER_FLAGS;
    return flags.computeIfAbsent(name, newFlag);
  }

  /** Counts one config reload by its result, e.g. {@link #RELOAD_APPLIED}. */
  public void configReload(String result) {
    reloads(result).increment();
  }

  /** Counts one gated method the agent could not route (contract section 6). */
  public void misconfiguredMethod() {
    misconfigured.incrementAndGet();
  }

  /** Where {@code secondary_running} reads how many secondaries run now; 0 until set. */
  public void secondaryRunningGauge(IntSupplier running) {
    secondariesRunning.set(running);
  }

  /** The Prometheus text exposition of every agent metric. */
  public String scrape() {
    return registry.scrape();
  }

  /** The agent's own registry, never the global or the application's one. */
  public MeterRegistry registry() {
    return registry;
  }

  /** What each flag counted so far, by flag name. */
  public SortedMap<String, FlagTotals> totals() {
    SortedMap<String, FlagTotals> totals = new TreeMap<>();
    for (Map.Entry<String, FlagMetrics> flag : flags.entrySet()) {
      totals.put(flag.getKey(), flag.getValue().totals());
    }
    return totals;
  }

  private Counter reloads(String result) {
    return Counter.builder("config.reloads")
        .description("Config file reloads, by result")
        .tag("result", result)
        .register(registry);
  }
}
