package dev.flaggate.agent.observability.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durations of one side of gated calls (one flag, path and role): a fixed-bucket histogram in
 * milliseconds, recorded without locks or allocation.
 *
 * <p>Micrometer is not used here on purpose: its distribution summaries round each value up to a
 * whole unit before bucketing (every sub-millisecond call would land in the 1 ms bucket), and its
 * timers are exposed in seconds ({@code latency_ms_seconds}). Recording is a scan of twelve
 * bounds in nanoseconds and two {@link LongAdder} increments; the sum is kept in exact
 * nanoseconds and converted only when scraped.
 */
final class LatencyHistogram {

  /** Bucket upper bounds in milliseconds: bounded, explicit, 10 µs to 5 s, then +Inf. */
  static final double[] BUCKETS_MS = {
    0.01, 0.05, 0.1, 0.5, 1, 5, 10, 50, 100, 500, 1000, 5000, Double.POSITIVE_INFINITY
  };

  private static final long[] BOUNDS_NANOS = boundsInNanos();

  private final String flag;
  private final boolean newPath;
  private final boolean primary;
  private final LongAdder[] counts = new LongAdder[BUCKETS_MS.length];
  private final LongAdder sumNanos = new LongAdder();

  LatencyHistogram(String flag, boolean newPath, boolean primary) {
    // the labels are made at the scrape: Prometheus' Labels validates names through classes that
    // a gated call's first latency sample would otherwise load on the application's thread
    this.flag = flag;
    this.newPath = newPath;
    this.primary = primary;
    for (int bucket = 0; bucket < counts.length; bucket++) {
      counts[bucket] = new LongAdder();
    }
  }

  private static long[] boundsInNanos() {
    long[] bounds = new long[BUCKETS_MS.length - 1];
    for (int bucket = 0; bucket < bounds.length; bucket++) {
      bounds[bucket] = Math.round(BUCKETS_MS[bucket] * 1_000_000);
    }
    return bounds;
  }

  void record(long nanos) {
    // a clock stepping back must not make a negative duration: count it, as zero
    long duration = Math.max(0, nanos);
    int bucket = 0;
    while (bucket < BOUNDS_NANOS.length && duration > BOUNDS_NANOS[bucket]) {
      bucket++;
    }
    counts[bucket].increment();
    sumNanos.add(duration);
  }

  HistogramDataPointSnapshot snapshot() {
    long[] perBucket = new long[counts.length];
    for (int bucket = 0; bucket < counts.length; bucket++) {
      perBucket[bucket] = counts[bucket].sum();
    }
    return HistogramDataPointSnapshot.builder()
        .labels(Labels.of(
            "flag", flag,
            "path", newPath ? "new" : "legacy",
            "role", primary ? "primary" : "secondary"))
        .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS_MS, perBucket))
        .sum(sumNanos.sum() / 1_000_000.0)
        .build();
  }
}
