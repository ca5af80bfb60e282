package dev.flaggate.benchmarks.engine;

import dev.flaggate.benchmarks.engine.peers.FlaggateEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, throughput with 2 threads: decisions per second (JMH sums the threads) of a
 * production-like flag (allowlist, denylist and a 5 % rollout) over allowlisted, denylisted and
 * unlisted shoppers in turn, each thread with its own cursor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class ThroughputBenchmark {

  @Benchmark
  public int flaggate(FlaggateEngine flaggate, Cursor cursor) {
    return flaggate.engine.decide(Shoppers.ROLLOUT, cursor.next(Shoppers.MIXED));
  }
}
