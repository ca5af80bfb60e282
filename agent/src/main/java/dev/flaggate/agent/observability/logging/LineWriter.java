package dev.flaggate.agent.observability.logging;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Renders and writes log lines on a thread of its own, so that the thread that logs (a gated call,
 * a shadow call's caller) never formats JSON, takes the output lock or waits for a write and flush.
 *
 * <p>Design note: the caller appends to a lock-free queue and returns; it never wakes the writer,
 * because waking a parked thread is a system call whose tail latency on a loaded machine is hundreds
 * of microseconds (the shadow benchmark measured it). The writer polls instead, every {@value
 * #POLL_MILLIS} ms: lines reach the destination within that, in order. At JVM exit the agent's
 * exit hook drains what is left ({@link LogOutput#flush}). The queue is bounded by a count: past
 * {@value #MAX_PENDING} unwritten lines (a destination that blocks), new lines are dropped and
 * counted, and the count is reported in a line of its own once the writer catches up.
 */
final class LineWriter implements Runnable {

  static final int MAX_PENDING = 100_000;
  private static final long POLL_MILLIS = 10;

  private final ConcurrentLinkedQueue<PendingLine> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Object drainLock = new Object();
  private volatile Thread thread;
  /** Held weakly: whoever registered them (the agent's events; a test's) decides how long they live. */
  private final CopyOnWriteArrayList<WeakReference<WaitingLines>> waiting = new CopyOnWriteArrayList<>();

  /** From now on each round asks {@code lines} for the lines waiting there, before writing the queue. */
  void register(WaitingLines lines) {
    waiting.add(new WeakReference<>(lines));
  }

  void submit(PendingLine line) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(line);
    if (thread == null) {
      ensureStarted();
    }
  }

  /** Writes the lines waiting elsewhere ({@link WaitingLines}), then every line submitted so far, in order, on the calling thread. */
  void drain() {
    synchronized (drainLock) {
      logWaiting();
      PendingLine line;
      while ((line = queue.poll()) != null) {
        pending.decrementAndGet();
        try {
          LogOutput.write(line.render());
        } catch (IOException | RuntimeException e) {
          LogOutput.reportFailure(line.logger(), e);
        }
      }
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        LogOutput.reportDropped(lost);
      }
    }
  }

  private void logWaiting() {
    for (WeakReference<WaitingLines> registered : waiting) {
      WaitingLines lines = registered.get();
      if (lines == null) {
        waiting.remove(registered);
        continue;
      }
      try {
        lines.logWaiting();
      } catch (RuntimeException e) {
        LogOutput.reportFailure(lines.getClass().getName(), e);
      }
    }
  }

  @Override
  public void run() {
    while (true) {
      try {
        drain();
      } catch (Throwable unexpected) {
        // keep writing: a failure of one round must not end the agent's logging
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
    }
  }

  synchronized void ensureStarted() {
    if (thread == null) {
      Thread writer = new Thread(this, "flaggate-log-writer");
      writer.setDaemon(true);
      writer.start();
      thread = writer;
    }
  }
}
