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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Not a row of issue 7, a guard beside them: the gated calls of {@link GatedCallBenchmark}, made by
 * two threads at once on one shared {@link GatedService}, as a service's request threads call one
 * bean. Everything the agent keeps for the method (its site, its flag's counters, its sampling and
 * check-line state) is then shared by both threads, and a plain write to it on every call turns
 * each call into a cache-line transfer between the cores: before the fix of commit 46fc22e this cost
 * 254 ns a call against 22 ns from one thread, and no single-thread row showed it.
 *
 * <p>Beside it, from the same two threads: the direct calls, and the contract's floor with its one
 * counter shared by both threads, as the check counter of a flag is (a {@code LongAdder}, which
 * spreads contended increments over cells).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class GatedCallTwoThreadsBenchmark {

  private final GatedService service = new GatedService();
  private final Set<String> allowlistCopies = ContractFloors.allowlistCopies();
  private final LongAdder checks = new LongAdder();
  private int cents = 1999;

  /** Each thread's own place in the ids, so that the threads share the agent's state and nothing of the harness's. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() {
    ContractFloors.requireBothSides(this::contractFloor, service, cents);
    AgentCheck.requireRouting(service);
  }

  @Benchmark
  public int legacyDirect(Cursor cursor) {
    return service.legacyPrice(GatedIds.OTHERS[cursor.next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int gatedFlagOff(Cursor cursor) {
    return service.price(GatedIds.OTHERS[cursor.next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int newDirect(Cursor cursor) {
    return service.newPriceDirect(GatedIds.ALLOWED[cursor.next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int gatedFlagOn(Cursor cursor) {
    return service.price(GatedIds.ALLOWED[cursor.next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int contractFloorFlagOff(Cursor cursor) {
    return contractFloor(GatedIds.OTHERS[cursor.next++ & GatedIds.MASK]);
  }

  @Benchmark
  public int contractFloorFlagOn(Cursor cursor) {
    return contractFloor(GatedIds.ALLOWED[cursor.next++ & GatedIds.MASK]);
  }

  /** As {@link GatedCallBenchmark}'s floor, its counter shared by the two threads. */
  private int contractFloor(String shopperId) {
    checks.increment();
    return allowlistCopies.contains(shopperId)
        ? service.newPriceDirect(shopperId, cents)
        : service.legacyPrice(shopperId, cents);
  }
}
