package dev.flaggate.benchmarks.gated;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, shadow mode from the caller's view: {@link GatedService#slowPrice} for allowlisted
 * shoppers answers with legacy on the caller's thread and hands the new body, which blocks for
 * 50 ms, to the secondary pool. Sampled per call (p99 is the target), beside the direct legacy call
 * with the same pacing.
 *
 * <p>"The pool is not full": calls are paced {@link #PACE_NANOS} apart (outside the timed region)
 * and run.sh gives the agent {@code secondary-threads=32}, so at most 50 ms / 2 ms = 25 secondaries
 * are in flight. Tear-down fails the run unless every call's secondary actually ran.
 *
 * <p>{@link #contractFloor} is the same call written by hand, the least shadow mode costs a caller
 * ({@link ShadowFloor}).
 *
 * <p>Warm-up: paced calls are few (500 a second), so a short warm-up measures code still in the
 * interpreter or C1's profiling tier: with 3 x 2 s, {@code -XX:+PrintCompilation} showed the shadow
 * path (ComplexRoute.run, ThreadPoolExecutor.execute, ArrayBlockingQueue.offer) reaching tier 3 only
 * during the measurement and its C2 compilations landing about 22 s into the fork. Measured that
 * way, the same code gave a p50 of 44 µs instead of 17 µs. 15 x 2 s (15,000 calls) reaches the steady state
 * that the target is about; both methods get the same warm-up and pacing.
 *
 * <p>A pre-touched heap ({@code -XX:+AlwaysPreTouch}, checked in set-up), as in a service that has
 * been running: at 500 calls a second the fork allocates so little that the young generation is
 * still moving into heap pages never touched since the JVM started, and on this virtual machine the
 * first touch of a page can cost 10-20 µs. Measured (thirteenth session, same build, 10 iterations):
 * the fork's minor page faults went from ~5 to ~100 a second about 42 s in, and the shadow call's
 * p99 from 2.3-6.0 µs to 14-21 µs at the same moment; with the heap pre-touched, 3.3-6.9 and
 * 1.7-5.6 µs through all ten (two forks). The fault lands on whichever call allocates the page, so without it the row measured how
 * much each method allocates on a fresh heap (legacy nothing, the floor ~50 B, Flaggate's route a
 * few hundred) rather than shadow mode. All three methods run in the same kind of fork.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "-XX:+AlwaysPreTouch") // prepend: run.sh's -jvmArgsAppend would replace an append
@State(Scope.Thread)
public class ShadowBenchmark {

  static final long PACE_NANOS = 2_000_000;

  private final GatedService service = new GatedService();
  private int next;
  private int cents = 1999;
  private long shadowCalls;

  @Setup(Level.Trial)
  public void setUp() {
    AgentCheck.requireRouting(service);
    requirePreTouchedHeap();
    if (service.slowPrice(GatedIds.ALLOWED[0], 7) != 21) {
      throw new IllegalStateException("shadow mode must answer the caller with legacy");
    }
    shadowCalls = 1;
  }

  private static void requirePreTouchedHeap() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (!Boolean.parseBoolean(vm.getVMOption("AlwaysPreTouch").getValue())) {
      throw new IllegalStateException("the shadow row runs on a pre-touched heap (-XX:+AlwaysPreTouch, see its doc)");
    }
  }

  @Setup(Level.Invocation)
  public void pace() {
    LockSupport.parkNanos(PACE_NANOS);
  }

  @Benchmark
  public int legacyDirect() {
    return service.legacySlowPrice(GatedIds.ALLOWED[next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int gatedShadow() {
    shadowCalls++;
    return service.slowPrice(GatedIds.ALLOWED[next++ & GatedIds.MASK], cents);
  }

  @Benchmark
  public int contractFloor(ShadowFloor floor) {
    return floor.call(service, GatedIds.ALLOWED[next++ & GatedIds.MASK], cents);
  }

  @TearDown(Level.Trial)
  public void everySecondaryRan() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (GatedService.secondaryRuns.get() < shadowCalls && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (GatedService.secondaryRuns.get() != shadowCalls) {
      throw new IllegalStateException(shadowCalls + " shadow calls but " + GatedService.secondaryRuns.get()
          + " secondaries ran: the pool was full or secondaries were dropped");
    }
  }
}
