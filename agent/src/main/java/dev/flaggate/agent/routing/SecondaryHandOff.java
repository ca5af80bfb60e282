package dev.flaggate.agent.routing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries secondaries from the callers' threads to the pool, so that a caller in shadow mode or
 * dual-run does not, as a rule, wake any thread.
 *
 * <p>Design note. Handing a task straight to a {@code ThreadPoolExecutor} wakes a parked worker: a
 * futex call that the shadow benchmark measured at 14 µs at the median and 86 µs at p99 on two
 * shared virtual cores, most of the caller's added latency. Here the caller appends to a lock-free
 * queue and returns; one daemon thread of the agent polls the queue and passes what it finds to the
 * pool, so the wake-ups happen on that thread, never on a caller's.
 * <ul>
 *   <li><b>Polling adapts.</b> After a poll that found work the next comes {@value #FIRST_PAUSE_MICROS}
 *       µs later; each empty poll doubles the pause, up to {@value #MAX_PAUSE_MILLIS} ms. A
 *       secondary therefore starts a little after its call, which an experiment can afford; while
 *       shadow traffic flows the thread wakes at most a thousand times a second.</li>
 *   <li><b>A backlog wakes it.</b> Tasks waiting here count against the pool's capacity (threads
 *       plus queue) like tasks waiting in the pool, so a burst must not sit out a long pause: the
 *       caller that brings the backlog to {@code wakeAt} wakes the thread. One wake-up per
 *       {@code wakeAt} calls during a burst, none at a steady rate. (The first version of this idea
 *       had no such wake and let bursts of the demo's 100 % phase find the pool "full" while its
 *       threads were idle.)</li>
 *   <li><b>Idle, it sleeps.</b> After {@value #LINGER_MILLIS} ms without work it parks without a
 *       deadline; the next caller wakes it. That is the only other wake-up a caller pays, once per
 *       quiet period.</li>
 * </ul>
 */
final class SecondaryHandOff implements Runnable {

  static final long FIRST_PAUSE_MICROS = 1_000;
  static final long MAX_PAUSE_MILLIS = 16;
  static final long LINGER_MILLIS = 1_000;

  /** Where the polling thread passes each task; it must not throw. */
  interface Target {
    void accept(SecondaryExecutor.SecondaryTask task);
  }

  private final ConcurrentLinkedQueue<SecondaryExecutor.SecondaryTask> waiting = new ConcurrentLinkedQueue<>();
  /** Tasks appended and not yet taken by the polling thread. */
  private final AtomicInteger backlog = new AtomicInteger();
  private final int wakeAt;
  private final Target target;
  private final long firstPauseNanos;
  private final long maxPauseNanos;
  private final long lingerNanos;
  private final Thread thread;
  /** Set by the polling thread before it parks without a deadline; the next caller wakes it. */
  private volatile boolean asleep;
  /** Wake-ups paid by callers (a test's view of the design note's promise). */
  private final AtomicLong callerWakeUps = new AtomicLong();

  SecondaryHandOff(Target target, int wakeAt) {
    this(target, wakeAt, TimeUnit.MICROSECONDS.toNanos(FIRST_PAUSE_MICROS),
        TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MILLIS), TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
  }

  SecondaryHandOff(Target target, int wakeAt, long firstPauseNanos, long maxPauseNanos, long lingerNanos) {
    this.target = target;
    this.wakeAt = Math.max(1, wakeAt);
    this.firstPauseNanos = firstPauseNanos;
    this.maxPauseNanos = maxPauseNanos;
    this.lingerNanos = lingerNanos;
    // no inherited thread locals: nothing of the constructing thread's context travels to the pool
    this.thread = new Thread(null, this, "flaggate-secondary-handoff", 0, false);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Called on the caller's thread: appends the task; wakes the polling thread only if asleep or behind. */
  void hand(SecondaryExecutor.SecondaryTask task) {
    waiting.offer(task);
    // == rather than >=: one wake-up as the backlog reaches wakeAt, not one per caller beyond it
    if (backlog.incrementAndGet() == wakeAt || asleep) {
      callerWakeUps.incrementAndGet();
      LockSupport.unpark(thread);
    }
  }

  long callerWakeUps() {
    return callerWakeUps.get();
  }

  /** Whether the polling thread is parked without a deadline (for tests). */
  boolean asleep() {
    return asleep && thread.getState() == Thread.State.WAITING;
  }

  @Override
  public void run() {
    long pause = firstPauseNanos;
    long lastWork = System.nanoTime();
    while (true) {
      try {
        boolean found = passOn();
        long now = System.nanoTime();
        if (found) {
          lastWork = now;
          pause = firstPauseNanos;
        } else {
          pause = Math.min(pause << 1, maxPauseNanos);
        }
        if (now - lastWork < lingerNanos) {
          LockSupport.parkNanos(this, pause);
          continue;
        }
        asleep = true;
        // a caller appends, then reads asleep; this thread sets asleep, then looks at the queue: one
        // of the two sees the other's write, so no task is left waiting for a wake-up nobody sends
        if (waiting.isEmpty()) {
          LockSupport.park(this);
        }
        asleep = false;
        lastWork = System.nanoTime();
        pause = firstPauseNanos;
      } catch (Throwable unexpected) {
        // the hand-off must outlive anything (an OutOfMemoryError starting a pool thread, say)
        LockSupport.parkNanos(this, maxPauseNanos);
      }
    }
  }

  private boolean passOn() {
    boolean found = false;
    SecondaryExecutor.SecondaryTask task;
    while ((task = waiting.poll()) != null) {
      found = true;
      backlog.decrementAndGet();
      target.accept(task);
    }
    return found;
  }
}
