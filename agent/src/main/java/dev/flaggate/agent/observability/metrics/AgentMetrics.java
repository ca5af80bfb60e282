package dev.flaggate.agent.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
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
  private volatile MeterExposure exposure;

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
   * come later (the first scrape creates it) and still shows every count. Everything that names a
   * registry type is in {@link MeterExposure}: had this class named them, verifying it (on the
   * agent's start path) would load them.
   */
  public MeterRegistry registry() {
    return exposure().exposed();
  }

  private MeterExposure exposure() {
    MeterExposure current = exposure;
    return current != null ? current : createExposure();
  }

  private synchronized MeterExposure createExposure() {
    if (exposure == null) {
      exposure = new MeterExposure(flags, misconfigured, secondariesRunning, reloads, RELOAD_RESULTS);
    }
    return exposure;
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
    return exposure().scrape();
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
