package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The secondary pool's hand-off: callers do not wake a thread while it polls, a burst is never
 * mistaken for a full pool, the bound holds, and a sleeping hand-off is woken by the next caller.
 */
class SecondaryExecutorTest {

  private final AtomicInteger skipped = new AtomicInteger();
  private final FlagTelemetry telemetry = new QuietTelemetry() {
    @Override
    public void secondarySkipped() {
      skipped.incrementAndGet();
    }
  };

  private static SecondaryExecutor executor(int threads, int queue) {
    return new SecondaryExecutor(new RoutingOptions(threads, queue, Duration.ofSeconds(5), false, 16, false));
  }

  private void submit(SecondaryExecutor executor, Runnable secondary) {
    executor.submit(secondary, telemetry, "shopper", ExecutionContext.current());
  }

  @Test
  @DisplayName("secondary-sync: an interrupt of the caller survives the secondary, sent before it or while it runs")
  void synchronousSecondary_keepsTheCallersInterruptStatus() {
    SecondaryExecutor executor = new SecondaryExecutor(new RoutingOptions(2, 64, Duration.ofSeconds(5), true, 16, false));
    try {
      Thread.currentThread().interrupt(); // a cancelled caller
      submit(executor, () -> {
        try {
          Thread.sleep(1_000); // throws at once, and the status is gone
        } catch (InterruptedException consumed) {
          // a secondary that swallows it, as much code does
        }
      });
      assertTrue(Thread.interrupted(), "the caller is still interrupted after a secondary consumed the status");

      // a cancellation that reaches the caller while the secondary runs is kept too
      Thread caller = Thread.currentThread();
      CountDownLatch started = new CountDownLatch(1);
      Thread canceller = new Thread(() -> {
        try {
          started.await();
          caller.interrupt();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      canceller.start();
      submit(executor, () -> {
        started.countDown();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
          Thread.onSpinWait(); // busy, as a secondary that does not look at the status would be
        }
      });
      assertTrue(Thread.interrupted(), "an interrupt sent during the secondary reaches the caller");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void callersWakeNobody_whileTheHandOffPolls() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(20);
    // a backlog too large to reach: only polling can find the tasks (a loaded machine cannot make it wake)
    SecondaryHandOff handOff = new SecondaryHandOff(SecondaryExecutor.SecondaryTask::run, 1_000);
    SecondaryExecutor executor = executor(2, 64);
    for (int i = 0; i < 20; i++) {
      handOff.hand(executor.new SecondaryTask(ran::countDown, telemetry, "shopper", null));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
    }
    assertTrue(ran.await(5, TimeUnit.SECONDS), "every secondary ran");
    assertEquals(0, handOff.callerWakeUps(), "no caller paid a wake-up: the hand-off found the tasks by polling");
  }

  @Test
  void burstsAsLargeAsTheCapacity_runWhole_oneAfterTheOther() throws InterruptedException {
    SecondaryExecutor executor = executor(2, 64);
    for (int burst = 1; burst <= 3; burst++) {
      CountDownLatch ran = new CountDownLatch(66);
      for (int i = 0; i < 66; i++) {
        submit(executor, ran::countDown);
      }
      assertTrue(ran.await(5, TimeUnit.SECONDS), "burst " + burst + ": " + ran.getCount() + " of 66 did not run");
      awaitNoneAdmitted(executor);
    }
    assertEquals(0, skipped.get(), "threads plus queue hold 66, and every slot came back after each burst");
    assertTrue(executor.callerWakeUps() >= 1, "a burst's backlog wakes the hand-off rather than wait for its poll");
  }

  @Test
  void pastThreadsPlusQueue_theSecondaryIsSkipped_andTheSlotComesBackWhenItEnds() throws InterruptedException {
    SecondaryExecutor executor = executor(1, 0);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    submit(executor, () -> {
      started.countDown();
      awaitQuietly(release);
    });
    assertTrue(started.await(5, TimeUnit.SECONDS));
    AtomicInteger secondRuns = new AtomicInteger();
    submit(executor, secondRuns::incrementAndGet);
    assertEquals(1, skipped.get(), "one thread, no queue, one running: the next is skipped");

    release.countDown();
    awaitNoneAdmitted(executor);
    CountDownLatch third = new CountDownLatch(1);
    submit(executor, third::countDown);
    assertTrue(third.await(5, TimeUnit.SECONDS), "the slot came back");
    assertEquals(0, secondRuns.get(), "a skipped secondary never runs later");
    assertEquals(1, skipped.get());
    awaitNoneAdmitted(executor);
  }

  @Test
  void aSecondaryThatThrows_givesItsSlotBack() throws InterruptedException {
    SecondaryExecutor executor = executor(1, 0);
    submit(executor, () -> {
      throw new IllegalStateException("new code bug");
    });
    awaitNoneAdmitted(executor);
    CountDownLatch next = new CountDownLatch(1);
    submit(executor, next::countDown);
    assertTrue(next.await(5, TimeUnit.SECONDS));
    assertEquals(0, skipped.get());
  }

  @Test
  void aTaskRunsOrIsSkipped_neverBoth() {
    SecondaryExecutor executor = executor(1, 0);
    AtomicInteger runs = new AtomicInteger();
    SecondaryExecutor.SecondaryTask task = executor.new SecondaryTask(runs::incrementAndGet, telemetry, "s", null);
    assertTrue(task.claim(), "the first claim wins (the pool refused the task: it is counted as skipped)");
    task.run(); // the pool queued it all the same and a thread took it later
    assertEquals(0, runs.get(), "a claimed task does not run");
  }

  /** Every admitted secondary has finished and given its slot back: exactly zero, never below. */
  private static void awaitNoneAdmitted(SecondaryExecutor executor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (executor.admitted() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertEquals(0, executor.admitted(), "slots admitted and not given back (or given back twice)");
  }

  @Test
  void aSleepingHandOff_isWokenByTheNextCaller() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    SecondaryHandOff handOff = new SecondaryHandOff(task -> task.run(), 8,
        TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(4), TimeUnit.MILLISECONDS.toNanos(20));
    SecondaryExecutor executor = executor(1, 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!handOff.asleep() && System.nanoTime() < deadline) { // past the 20 ms linger: parked, no deadline
      Thread.sleep(5);
    }
    assertTrue(handOff.asleep());
    long start = System.nanoTime();
    handOff.hand(executor.new SecondaryTask(ran::countDown, telemetry, "shopper", null));
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    assertEquals(1, handOff.callerWakeUps(), "asleep: the caller woke it, once");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "ran at once, not at some later poll");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
