package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract 6, the secondary pool, on the executor itself (the forked-JVM view is SecondaryExecutionIT). */
class SecondaryExecutorTest {

  private final Recorder telemetry = new Recorder();

  @Test
  @DisplayName("a secondary runs on a pool daemon thread with the caller's context class loader, marked as in shadow")
  void runsOnPoolThread() throws Exception {
    SecondaryExecutor executor = executor(2, 0, Duration.ofSeconds(5));
    ClassLoader callerLoader = new URLClassLoader(new URL[0]);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    AtomicReference<ClassLoader> loader = new AtomicReference<>();
    AtomicReference<Boolean> inShadow = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(callerLoader);
    try {
      executor.submit(() -> {
        ranOn.set(Thread.currentThread());
        loader.set(Thread.currentThread().getContextClassLoader());
        inShadow.set(ExecutionContext.current().inSecondary);
        done.countDown();
      }, telemetry, "s1", ExecutionContext.current());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertNotEquals(Thread.currentThread(), ranOn.get());
    assertTrue(ranOn.get().isDaemon());
    assertTrue(ranOn.get().getName().startsWith("flaggate-secondary-"), ranOn.get().getName());
    assertSame(callerLoader, loader.get());
    assertTrue(inShadow.get());
    assertFalse(ExecutionContext.current().inSecondary, "the caller's thread is not in shadow");
  }

  @Test
  @DisplayName("threads plus queue taken: the next secondary is skipped and counted; a finished one frees its place")
  void fullPool_skipsAndRecovers() throws Exception {
    SecondaryExecutor executor = executor(1, 1, Duration.ofSeconds(5));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    Runnable blocked = () -> {
      ran.incrementAndGet();
      awaitQuietly(release);
    };
    executor.submit(blocked, telemetry, "s1", ExecutionContext.current()); // the thread
    executor.submit(blocked, telemetry, "s2", ExecutionContext.current()); // the queue
    executor.submit(blocked, telemetry, "s3", ExecutionContext.current()); // skipped
    assertEquals(1, telemetry.skipped.get());
    release.countDown();
    waitUntil(() -> ran.get() == 2 && executor.running() == 0);
    CountDownLatch again = new CountDownLatch(1);
    executor.submit(again::countDown, telemetry, "s4", ExecutionContext.current());
    assertTrue(again.await(5, TimeUnit.SECONDS), "capacity is released when secondaries finish");
    assertEquals(1, telemetry.skipped.get());
  }

  @Test
  @DisplayName("a secondary past its timeout is interrupted, counted, and marked abandoned; the next one runs clean")
  void timeout_interruptsAndCounts() throws Exception {
    SecondaryExecutor executor = executor(1, 0, Duration.ofMillis(100));
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Boolean> abandoned = new AtomicReference<>();
    executor.submit(() -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        abandoned.set(ExecutionContext.current().secondaryAbandoned());
        interrupted.countDown();
      }
    }, telemetry, "s1", ExecutionContext.current());
    assertTrue(interrupted.await(5, TimeUnit.SECONDS));
    assertTrue(abandoned.get());
    waitUntil(() -> telemetry.timeouts.contains("s1"));
    waitUntil(() -> executor.running() == 0);
    AtomicReference<Boolean> cleanNext = new AtomicReference<>();
    CountDownLatch next = new CountDownLatch(1);
    executor.submit(() -> {
      cleanNext.set(!Thread.currentThread().isInterrupted() && !ExecutionContext.current().secondaryAbandoned());
      next.countDown();
    }, telemetry, "s2", ExecutionContext.current());
    assertTrue(next.await(5, TimeUnit.SECONDS));
    assertTrue(cleanNext.get());
    assertEquals(List.of("s1"), telemetry.timeouts);
  }

  @Test
  @DisplayName("a failing secondary is counted as an agent fault and the pool keeps working")
  void failure_countedPoolSurvives() throws Exception {
    SecondaryExecutor executor = executor(1, 0, Duration.ofSeconds(5));
    executor.submit(() -> {
      throw new IllegalStateException("boom");
    }, telemetry, "s1", ExecutionContext.current());
    waitUntil(() -> telemetry.faults.get() == 1 && executor.running() == 0);
    CountDownLatch next = new CountDownLatch(1);
    executor.submit(next::countDown, telemetry, "s2", ExecutionContext.current());
    assertTrue(next.await(5, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("after a quiet period the dispatcher sleeps, and the next submission still runs promptly")
  void quietDispatcher_wokenBySubmitter() throws Exception {
    SecondaryExecutor executor = executor(2, 0, Duration.ofSeconds(5));
    CountDownLatch first = new CountDownLatch(1);
    executor.submit(first::countDown, telemetry, "s1", ExecutionContext.current());
    assertTrue(first.await(5, TimeUnit.SECONDS));
    Thread.sleep(SecondaryExecutor.LINGER_MILLIS + 300);
    long start = System.nanoTime();
    CountDownLatch second = new CountDownLatch(1);
    executor.submit(second::countDown, telemetry, "s2", ExecutionContext.current());
    assertTrue(second.await(5, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "woken, not waiting for a deadline");
  }

  @Test
  @DisplayName("many concurrent callers: every admitted secondary runs exactly once, the rest are counted as skipped")
  void concurrentCallers_noLossNoDuplicate() throws Exception {
    SecondaryExecutor executor = executor(4, 16, Duration.ofSeconds(5));
    AtomicInteger ran = new AtomicInteger();
    int callers = 4;
    int perCaller = 2_000;
    Thread[] threads = new Thread[callers];
    for (int c = 0; c < callers; c++) {
      threads[c] = new Thread(() -> {
        for (int i = 0; i < perCaller; i++) {
          executor.submit(ran::incrementAndGet, telemetry, "s", ExecutionContext.current());
          if (i % 64 == 0) {
            Thread.yield();
          }
        }
      });
      threads[c].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    waitUntil(() -> ran.get() + telemetry.skipped.get() == callers * perCaller);
    Thread.sleep(50);
    assertEquals(callers * perCaller, ran.get() + telemetry.skipped.get());
    assertEquals(0, executor.running());
  }

  private static SecondaryExecutor executor(int threads, int queue, Duration timeout) {
    return new SecondaryExecutor(new RoutingOptions(threads, queue, timeout, false, 16, false));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static final class Recorder implements FlagTelemetry {
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger faults = new AtomicInteger();
    final List<String> timeouts = new CopyOnWriteArrayList<>();

    @Override
    public void checked(String shopperId, int decisionCode) {}

    @Override
    public void latency(boolean newPath, boolean primary, long nanos) {}

    @Override
    public void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
        long legacyNanos, long newNanos) {}

    @Override
    public void secondaryFailed(String shopperId, Throwable error) {}

    @Override
    public void secondarySkipped() {
      skipped.incrementAndGet();
    }

    @Override
    public void secondaryTimedOut(String shopperId, long afterNanos) {
      timeouts.add(shopperId);
    }

    @Override
    public void agentFault(String where, Throwable error) {
      faults.incrementAndGet();
    }
  }
}
