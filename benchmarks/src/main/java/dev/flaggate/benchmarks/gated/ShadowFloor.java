package dev.flaggate.benchmarks.gated;

import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The shadow row's floor, written by hand with the JDK's own parts: what any implementation of
 * shadow mode does on the caller's thread, and the leanest way we know to do it. Count the check,
 * match the id exactly, call legacy, and leave the new body on a lock-free queue that a thread
 * polls every millisecond and hands to a pool of 32 threads: the caller wakes no thread (handing
 * it to a {@code ThreadPoolExecutor} directly would wake a parked worker on the caller's thread,
 * which costs more than the whole of Flaggate's route here). No flag lookup, rule, companion flags,
 * telemetry, timeout, or log line.
 *
 * <p>Its own {@link State}, so that only the floor's fork starts the polling thread and the pool:
 * the other rows' forks must not share their cores with them.
 */
@State(Scope.Thread)
public class ShadowFloor {

  private final Set<String> allowlist = ContractFloors.allowlistCopies();
  private final LongAdder checks = new LongAdder();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicLong secondaryRuns = new AtomicLong();
  private long handed;
  private ThreadPoolExecutor pool;
  private Thread poller;
  private volatile boolean polling;

  @Setup(Level.Trial)
  public void start() {
    pool = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    pool.prestartAllCoreThreads();
    polling = true;
    poller = new Thread(this::poll, "shadow-floor-poller");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (polling) {
      LockSupport.parkNanos(1_000_000);
      Runnable secondary;
      while ((secondary = waiting.poll()) != null) {
        pool.execute(secondary);
      }
    }
  }

  /** The caller's part of one shadow call: the answer is legacy's, the new body goes to the pool. */
  int call(GatedService service, String shopperId, int cents) {
    checks.increment();
    if (allowlist.contains(shopperId)) {
      handed++;
      waiting.offer(() -> newBody(service, shopperId, cents));
    }
    return service.legacySlowPrice(shopperId, cents);
  }

  /** A copy of {@link GatedService#slowPrice}'s body: it blocks for 50 ms. */
  private void newBody(GatedService service, String shopperId, int cents) {
    try {
      Thread.sleep(GatedService.SECONDARY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    secondaryRuns.incrementAndGet();
  }

  /** Fails unless every handed secondary ran (a floor that dropped them would look cheap). */
  @TearDown(Level.Trial)
  public void everySecondaryRan() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (secondaryRuns.get() < handed && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    polling = false;
    pool.shutdownNow();
    if (secondaryRuns.get() != handed || handed == 0) {
      throw new IllegalStateException(handed + " secondaries handed but " + secondaryRuns.get() + " ran");
    }
  }
}
