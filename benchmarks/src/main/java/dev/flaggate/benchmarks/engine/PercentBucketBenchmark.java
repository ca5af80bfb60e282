package dev.flaggate.benchmarks.engine;

import dev.flaggate.agent.rollout.Murmur3;
import dev.flaggate.benchmarks.engine.peers.FlaggateEngine;
import dev.flaggate.benchmarks.engine.peers.Ff4jPeer;
import dev.flaggate.benchmarks.engine.peers.LaunchDarklyPeer;
import dev.flaggate.benchmarks.engine.peers.OpenFeaturePeer;
import dev.flaggate.benchmarks.engine.peers.UnleashPeer;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.MurmurHash3;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, decision by percent bucket: a shopper in no list of a 5 % rollout. Flaggate's engine
 * against a bare murmur3_x86_32 of the same bytes ({@code salt:id} in UTF-8, encoded beforehand),
 * by Flaggate's own whole-array {@link Murmur3} (the baseline) and by commons-codec, and the peers.
 *
 * <p>The row is a ratio, so its three hashing methods run three forks each: one JIT outcome per fork
 * made Flaggate's decision vary more between forks than within one (13.0 to 15.2 ns over six forks of
 * the same build, while commons-codec's bare hash stayed at 12.5-12.8 ns), and a single fork could
 * land the ratio anywhere from 1.04x to 1.21x.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PercentBucketBenchmark {

  @Benchmark
  @Fork(3)
  public int flaggate(FlaggateEngine flaggate, Cursor cursor) {
    return flaggate.engine.decide(Shoppers.PERCENT, cursor.next(Shoppers.VISITORS));
  }

  @Benchmark
  @Fork(3)
  public int bareMurmur3(Baseline baseline, Cursor cursor) {
    return Murmur3.hash32(baseline.saltedVisitors[cursor.nextIndex()]);
  }

  @Benchmark
  @Fork(3)
  public int bareMurmur3CommonsCodec(Baseline baseline, Cursor cursor) {
    byte[] bytes = baseline.saltedVisitors[cursor.nextIndex()];
    return MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
  }

  @Benchmark
  public boolean openFeature(OpenFeaturePeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.PERCENT, cursor.next(Shoppers.VISITORS));
  }

  @Benchmark
  public boolean launchDarkly(LaunchDarklyPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.PERCENT, cursor.next(Shoppers.VISITORS));
  }

  @Benchmark
  public boolean ff4j(Ff4jPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.PERCENT, cursor.next(Shoppers.VISITORS));
  }

  @Benchmark
  public boolean unleash(UnleashPeer peer, Cursor cursor) {
    return peer.isEnabled(Shoppers.PERCENT, cursor.next(Shoppers.VISITORS));
  }
}
