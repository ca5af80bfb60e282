package dev.flaggate.benchmarks.gated;

import dev.flaggate.FlagGate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Issue 7, the check by hand: {@code FlagGate.isEnabled} from the API jar, through the agent's
 * bootstrap bridge, for allowlisted shoppers, beside a plain {@code HashSet.contains} of the same ids
 * and beside the contract's floor (a count and an exact match).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HandCheckBenchmark {

  private final Set<String> allowed = new HashSet<>(List.of(GatedIds.ALLOWED));
  /** Equal copies of the ids: a match compares text, as the agent's lists (read from the file) must. */
  private final Set<String> allowedCopies = ContractFloors.allowlistCopies();
  private final LongAdder checks = new LongAdder();
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    AgentCheck.requireRouting(new GatedService());
  }

  @Benchmark
  public boolean flagGateIsEnabled() {
    return FlagGate.isEnabled(GatedIds.FLAG, GatedIds.ALLOWED[next++ & GatedIds.MASK]);
  }

  @Benchmark
  public boolean hashSetContains() {
    return allowed.contains(GatedIds.ALLOWED[next++ & GatedIds.MASK]);
  }

  @Benchmark
  public boolean hashSetContainsEqualCopy() {
    return allowedCopies.contains(GatedIds.ALLOWED[next++ & GatedIds.MASK]);
  }

  /**
   * The contract's floor for a check by hand: count it (section 8) and match the id exactly against
   * the allowlist (section 3), with the JDK's own parts (see {@code GatedCallBenchmark}).
   */
  @Benchmark
  public boolean contractFloor() {
    checks.increment();
    return allowedCopies.contains(GatedIds.ALLOWED[next++ & GatedIds.MASK]);
  }
}
