package dev.flaggate.benchmarks.gated;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, gated calls as users run them: the fork runs with {@code -javaagent} (given by run.sh),
 * so {@link GatedService#price} is the rewritten method. Flag off: a shopper outside the allowlist,
 * legacy runs; flag on: an allowlisted shopper, the new body runs (shadow and dual-run off). Each is
 * measured beside the direct call of the same code, in the same fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GatedCallBenchmark {

  private final GatedService service = new GatedService();
  private int next;
  private int cents = 1999;

  @Setup(Level.Trial)
  public void setUp() {
    AgentCheck.requireRouting(service);
  }

  @Benchmark
  public int legacyDirect() {
    return service.legacyPrice(GatedIds.OTHERS[next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int gatedFlagOff() {
    return service.price(GatedIds.OTHERS[next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int newDirect() {
    return service.newPriceDirect(GatedIds.ALLOWED[next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int gatedFlagOn() {
    return service.price(GatedIds.ALLOWED[next++ & GatedIds.MASK], cents);
  }
}
