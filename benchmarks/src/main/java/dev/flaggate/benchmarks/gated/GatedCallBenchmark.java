package dev.flaggate.benchmarks.gated;

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
 * Issue 7, gated calls as users run them: the fork runs with {@code -javaagent} (given by run.sh),
 * so {@link GatedService#price} is the rewritten method. Flag off: a shopper outside the allowlist,
 * legacy runs; flag on: an allowlisted shopper, the new body runs (shadow and dual-run off). Each is
 * measured beside the direct call of the same code, and beside the contract's floor: the least any
 * implementation of the contract does per call, written by hand with the JDK's own parts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class GatedCallBenchmark {

  private final GatedService service = new GatedService();
  /** The allowlist as the agent holds it: equal copies of the ids (read from the flag file), not the ids asked about. */
  private final Set<String> allowlistCopies = ContractFloors.allowlistCopies();
  private final LongAdder checks = new LongAdder();
  private int next;
  private int cents = 1999;

  @Setup(Level.Trial)
  public void setUp() {
    ContractFloors.requireBothSides(this::contractFloor, service, cents);
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

  /** The contract's floor with the flag off: a shopper outside the allowlist, legacy runs. */
  @Benchmark
  public int contractFloorFlagOff() {
    return contractFloor(GatedIds.OTHERS[next++ & GatedIds.MASK]);
  }

  /** The contract's floor with the flag on: an allowlisted shopper, the new code runs. */
  @Benchmark
  public int contractFloorFlagOn() {
    return contractFloor(GatedIds.ALLOWED[next++ & GatedIds.MASK]);
  }

  /**
   * What the contract asks of every gated call, and nothing else: count the check (section 8, one
   * {@code LongAdder}, the JDK's cheapest exact counter for many threads) and match the id exactly
   * against the allowlist (section 3, one {@code HashSet} probe comparing text), then call the side
   * it picks. No flag lookup, rule, reason, routing or call through the agent: a floor, not an
   * alternative.
   */
  private int contractFloor(String shopperId) {
    checks.increment();
    return allowlistCopies.contains(shopperId)
        ? service.newPriceDirect(shopperId, cents)
        : service.legacyPrice(shopperId, cents);
  }
}
