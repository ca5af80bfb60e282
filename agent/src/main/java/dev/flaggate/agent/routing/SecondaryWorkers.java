package dev.flaggate.agent.routing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded set of daemon threads that run secondaries, fed so that the caller never wakes a thread.
 *
 * <p>Design note: a standard pool hands a task over by unparking a sleeping worker, a system call
 * whose latency lands on the caller: hundreds of microseconds at the 99th percentile on a busy
 * machine, for an execution whose result the caller never uses. Here the caller only bumps a
 * counter and appends to a lock-free queue; idle workers poll it, spinning briefly and then parking
 * with a growing pause (up to {@value #MAX_PARK_MICROS} µs). A secondary may so start a few
 * milliseconds late, which costs nothing: it is an experiment beside the answer the caller already
 * has. Capacity is threads plus queue; beyond it a task is refused, never queued without bound.
 * Workers start on first use, so an application that never runs shadow or dual-run has none.
 */
final class SecondaryWorkers {

  private static final int SPINS = 64;
  private static final long MIN_PARK_MICROS = 50;
  private static final long MAX_PARK_MICROS = 5_000;

  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  /** Tasks queued or running: what the capacity bounds. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int threads;
  private final int capacity;
  private final String namePrefix;
  private volatile boolean started;
  private volatile boolean stopped;

  SecondaryWorkers(int threads, int queue, String namePrefix) {
    this.threads = threads;
    this.capacity = threads + queue;
    this.namePrefix = namePrefix;
  }

  /** Queues {@code task}; {@code false} when threads and queue are all taken. Never blocks. */
  boolean offer(Runnable task) {
    if (stopped || inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      return false;
    }
    queue.offer(task);
    if (!started) {
      start();
    }
    return true;
  }

  void stop() {
    stopped = true;
  }

  private synchronized void start() {
    if (started) {
      return;
    }
    for (int i = 1; i <= threads; i++) {
      Thread worker = new Thread(this::work, namePrefix + i);
      worker.setDaemon(true);
      worker.start();
    }
    started = true;
  }

  private void work() {
    int idleRounds = 0;
    long parkMicros = MIN_PARK_MICROS;
    while (!stopped) {
      Runnable task = queue.poll();
      if (task != null) {
        try {
          task.run();
        } catch (Throwable ignored) {
          // tasks report their own failures; a worker never dies of one
        } finally {
          inFlight.decrementAndGet();
        }
        idleRounds = 0;
        parkMicros = MIN_PARK_MICROS;
      } else if (++idleRounds < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(parkMicros));
        parkMicros = Math.min(parkMicros * 2, MAX_PARK_MICROS);
      }
    }
  }
}
