package dev.flaggate.benchmarks.engine;

import dev.flaggate.benchmarks.engine.peers.FlaggateEngine;
import dev.flaggate.benchmarks.engine.peers.Ff4jPeer;
import dev.flaggate.benchmarks.engine.peers.LaunchDarklyPeer;
import dev.flaggate.benchmarks.engine.peers.OpenFeaturePeer;
import dev.flaggate.benchmarks.engine.peers.UnleashPeer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, decision row: an allowlisted shopper of an enabled flag: on, reason allowlist. Flaggate's engine, a plain {@code HashSet.contains} and the peers,
 * over the same {@link Shoppers#ALLOWED} ids.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllowlistHitBenchmark {

  @Benchmark
  public int flaggate(FlaggateEngine flaggate, Cursor cursor) {
    return flaggate.engine.decide(Shoppers.ALLOWLIST, cursor.next(Shoppers.ALLOWED));
  }

  @Benchmark
  public boolean hashSetContains(Baseline baseline, Cursor cursor) {
    return baseline.allowed.contains(cursor.next(Shoppers.ALLOWED));
  }

  /** The same set holding equal copies of the ids: a match compares text, as Flaggate's must. */
  @Benchmark
  public boolean hashSetContainsEqualCopy(Baseline baseline, Cursor cursor) {
    return baseline.allowedCopies.contains(cursor.next(Shoppers.ALLOWED));
  }

  @Benchmark
  public boolean openFeature(OpenFeaturePeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.ALLOWLIST, cursor.next(Shoppers.ALLOWED));
  }

  @Benchmark
  public boolean launchDarkly(LaunchDarklyPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.ALLOWLIST, cursor.next(Shoppers.ALLOWED));
  }

  @Benchmark
  public boolean ff4j(Ff4jPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.ALLOWLIST, cursor.next(Shoppers.ALLOWED));
  }

  @Benchmark
  public boolean unleash(UnleashPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.ALLOWLIST, cursor.next(Shoppers.ALLOWED));
  }
}
