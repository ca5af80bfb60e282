package dev.flaggate.agent.observability.metrics;

import dev.flaggate.agent.rollout.DecisionCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of one flag, resolved once so that the routing code records on every gated call
 * without a lookup and without allocating.
 *
 * <p>Counts live in {@link LongAdder}s owned here and are exposed through Micrometer {@link
 * FunctionCounter}s: an increment is one uncontended cell update, with no map lookup, boxing or
 * Micrometer indirection on the call path, and the summary line reads the same adders. Checks are
 * kept per {@link DecisionCode} (an array index) and registered with Micrometer at the first read of
 * the registry after the code occurs ({@link #exposeIn}, never on a gated call), so the scrape shows
 * the combinations that happen ({@code enabled="true",reason="allowlist"}), never impossible ones at
 * zero. Latency histograms ({@link LatencyHistogram}) are likewise created on
 * first use, so a flag that never runs its new code exposes no empty {@code path="new"} histogram.
 */
public final class FlagMetrics {

  private final String flag;
  private MeterRegistry registry; // null until first exposed; guarded by this
  private final LongAdder[] checks = new LongAdder[DecisionCode.COUNT];
  /** Which codes have a meter in the registry; guarded by this, never read on the call path. */
  private final boolean[] checkExposed = new boolean[DecisionCode.COUNT];
  private final AtomicReferenceArray<LatencyHistogram> latency = new AtomicReferenceArray<>(4);
  private final LongAdder divergences = new LongAdder();
  private final LongAdder secondaryErrors = new LongAdder();
  private final LongAdder secondarySkipped = new LongAdder();
  private final LongAdder secondaryTimeouts = new LongAdder();

  FlagMetrics(String flag) {
    this.flag = flag;
    for (int code = 0; code < checks.length; code++) {
      checks[code] = new LongAdder();
    }
  }

  /**
   * Registers in {@code target} this flag's meters not registered yet: its fixed counters the first
   * time, and a check counter for each decision code counted so far. Called before every read of the
   * registry, so a scrape shows every count, while a gated call only ever touches its adders.
   */
  synchronized void exposeIn(MeterRegistry target) {
    if (registry == null) {
      registry = target;
      // exposed at zero from the start: "no divergence yet" is what an operator watches for
      expose("divergence.count", "Dual-run comparisons whose outcomes were not equivalent", divergences);
      expose("secondary.errors", "Secondary executions that threw", secondaryErrors);
      expose("secondary.skipped", "Secondary executions skipped: the pool was full", secondarySkipped);
      expose("secondary.timeouts", "Secondary executions interrupted after the timeout", secondaryTimeouts);
    }
    for (int code = 0; code < checks.length; code++) {
      if (!checkExposed[code] && checks[code].sum() > 0) {
        exposeCheck(code);
      }
    }
  }

  /** Counts one decision, a code of {@link DecisionCode}. */
  public void check(int decisionCode) {
    checks[decisionCode].increment();
  }

  /** Every check of this flag counted so far, all decision codes together. */
  public long checksSoFar() {
    long sum = 0;
    for (LongAdder counter : checks) { // a loop, not a stream: no lambda on the agent's paths
      sum += counter.sum();
    }
    return sum;
  }

  /**
   * The check counters, indexed by {@link DecisionCode}, for a caller that counts on every gated
   * call and keeps them to skip a load ({@code checkCounts()[code].increment()} is {@link #check}): the live adders, which a flag's telemetry
   * increments, one per decision, and nothing else ever writes.
   */
  public LongAdder[] checkCounts() {
    return checks;
  }

  /**
   * Records how long one side of a gated call took.
   *
   * @param newPath the new code ran (else the legacy)
   * @param primary it answered the caller (else it was the secondary)
   * @param nanos its duration in nanoseconds
   */
  public void latency(boolean newPath, boolean primary, long nanos) {
    int slot = (newPath ? 2 : 0) | (primary ? 1 : 0);
    LatencyHistogram histogram = latency.get(slot);
    if (histogram == null) {
      latency.compareAndSet(slot, null, new LatencyHistogram(flag, newPath, primary));
      histogram = latency.get(slot);
    }
    histogram.record(nanos);
  }

  /** Counts a dual-run comparison whose two outcomes were not equivalent. */
  public void divergence() {
    divergences.increment();
  }

  /** Counts a secondary execution that threw. */
  public void secondaryError() {
    secondaryErrors.increment();
  }

  /** Counts a secondary execution skipped because the pool was full. */
  public void secondarySkipped() {
    secondarySkipped.increment();
  }

  /** Counts a secondary execution interrupted after its timeout. */
  public void secondaryTimeout() {
    secondaryTimeouts.increment();
  }

  FlagTotals totals() {
    long on = 0;
    long off = 0;
    for (int code = 0; code < checks.length; code++) {
      if (DecisionCode.enabled(code)) {
        on += checks[code].sum();
      } else {
        off += checks[code].sum();
      }
    }
    return new FlagTotals(
        on,
        off,
        divergences.sum(),
        secondaryErrors.sum(),
        secondarySkipped.sum(),
        secondaryTimeouts.sum());
  }

  void latencySnapshots(HistogramSnapshot.Builder histogram) {
    for (int slot = 0; slot < latency.length(); slot++) {
      LatencyHistogram side = latency.get(slot);
      if (side != null) {
        histogram.dataPoint(side.snapshot());
      }
    }
  }

  private void exposeCheck(int code) {
    checkExposed[code] = true;
    FunctionCounter.builder("feature.flag.checks", checks[code], LongAdder::doubleValue)
        .description("Flag decisions, by result and reason (contract section 3)")
        .tag("flag", flag)
        .tag("enabled", Boolean.toString(DecisionCode.enabled(code)))
        .tag("reason", DecisionCode.reason(code).word())
        .register(registry);
  }

  private void expose(String name, String description, LongAdder count) {
    FunctionCounter.builder(name, count, LongAdder::doubleValue)
        .description(description)
        .tag("flag", flag)
        .register(registry);
  }
}
