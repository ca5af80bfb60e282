package dev.flaggate.agent.observability.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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

  /** Until the pool exists. Not a lambda: the agent's start spins none (ARCHITECTURE.md). */
  private static final IntSupplier NONE_RUNNING = new IntSupplier() {
    @Override
    public int getAsInt() {
      return 0;
    }
  };

  private static final String[] RELOAD_RESULTS = {RELOAD_APPLIED, RELOAD_UNCHANGED, RELOAD_REJECTED, RELOAD_DELETED};

  private final ConcurrentMap<String, FlagMetrics> flags = new ConcurrentHashMap<>();
  private final AtomicInteger misconfigured = new AtomicInteger();
  private final AtomicReference<IntSupplier> secondariesRunning = new AtomicReference<>(NONE_RUNNING);
  private final Map<String, LongAdder> reloads = new HashMap<>();
  private volatile PrometheusMeterRegistry registry;

  private AgentMetrics() {
    for (String result : RELOAD_RESULTS) {
      reloads.put(result, new LongAdder());
    }
  }

  /** A new set of agent metrics. Its registry is created when first needed (see {@link #registry()}). */
  public static AgentMetrics create() {
    return new AgentMetrics();
  }

  /**
   * The agent's own registry, never the global or the application's one; created on first use.
   *
   * <p>Why lazily: Micrometer and the Prometheus model are a few hundred classes, and loading them
   * before the first gated call can route would add that to the application's start-up. The counts
   * live in this class's own adders from the first call; the registry only exposes them, so it can
   * come later (the first scrape creates it) and still shows every count.
   */
  public MeterRegistry registry() {
    return exposed();
  }

  /**
   * The registry with every flag's meters registered. Meters are registered here, when the registry
   * is read (a scrape), and not on the gated call that first counts them: registering a Micrometer
   * meter takes a lock, builds ids and tags and, early on, runs interpreted, which cost each gated
   * method's first call about a millisecond. The counts themselves live in the flags' adders from
   * the first call, so what a read shows is the same.
   */
  private PrometheusMeterRegistry exposed() {
    PrometheusMeterRegistry current = registry;
    if (current == null) {
      current = createRegistry();
    }
    for (FlagMetrics flag : flags.values()) {
      flag.exposeIn(current);
    }
    return current;
  }

  private synchronized PrometheusMeterRegistry createRegistry() {
    if (registry != null) {
      return registry;
    }
    PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    created.getPrometheusRegistry().register(new LatencyCollector(flags.values()));
    Gauge.builder("flaggate.misconfigured.methods", misconfigured, AtomicInteger::get)
        .description("Gated methods the agent could not route and left as they are")
        .strongReference(true)
        .register(created);
    Gauge.builder("secondary.running", secondariesRunning, running -> running.get().getAsInt())
        .description("Secondary executions running now")
        .strongReference(true)
        .register(created);
    for (String result : RELOAD_RESULTS) {
      FunctionCounter.builder("config.reloads", reloads.get(result), LongAdder::doubleValue)
          .description("Config file reloads, by result")
          .tag("result", result)
          .register(created);
    }
    registry = created;
    return created;
  }

  /** The meters of {@code flag}, created on first use and the same instance afterwards. */
  public FlagMetrics flag(String flag) {
    FlagMetrics known = flag == null ? null : flags.get(flag);
    if (known != null) {
      return known;
    }
    String name = flag != null && flags.size() < MAX_FLAGS ? flag : OTHER_FLAGS;
    // not computeIfAbsent with a constructor reference: a gated method's first call comes here, and
    // its first use would spin a lambda class; a lost race just drops the spare instance
    FlagMetrics created = new FlagMetrics(name);
    FlagMetrics raced = flags.putIfAbsent(name, created);
    return raced != null ? raced : created;
  }

  /** Counts one config reload by its result, e.g. {@link #RELOAD_APPLIED}. */
  public void configReload(String result) {
    reloads.get(result).increment();
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
    return exposed().scrape();
  }

  /** What each flag counted so far, by flag name. */
  public SortedMap<String, FlagTotals> totals() {
    SortedMap<String, FlagTotals> totals = new TreeMap<>();
    for (Map.Entry<String, FlagMetrics> flag : flags.entrySet()) {
      totals.put(flag.getKey(), flag.getValue().totals());
    }
    return totals;
  }
}
