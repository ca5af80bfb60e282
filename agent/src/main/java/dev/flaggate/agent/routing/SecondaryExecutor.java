package dev.flaggate.agent.routing;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the secondary side of shadow and dual-run calls without ever slowing or failing the caller.
 *
 * <p>Design note. A bounded pool of daemon worker threads, fed by one daemon dispatcher thread that
 * also acts as the watchdog.
 * <ul>
 *   <li><b>The caller never wakes a thread.</b> It takes a slot of the pool's capacity (threads plus
 *       queue) with one compare-and-set, and pushes the task onto a lock-free list with another: no
 *       lock, no {@code unpark}, no thread start. Profiling the shadow benchmark showed that handing
 *       the task to a sleeping {@code ThreadPoolExecutor} worker was the caller's largest cost: the
 *       futex wake-up took 14 µs at the median and 86 µs at p99 on two shared virtual cores, and on
 *       13 % of calls the woken worker preempted the caller on its own core (perf sched).</li>
 *   <li><b>The dispatcher polls.</b> While secondaries are submitted it wakes every
 *       {@value #TICK_MICROS} µs after a poll that found work, doubling the pause after each poll
 *       that found none, up to {@value #MAX_TICK_MILLIS} ms (and never past the next timeout). Each
 *       poll hands the waiting tasks to idle workers (starting a worker thread if needed: thread
 *       starts happen here, never on the caller's thread) and interrupts the running ones past their
 *       timeout. So a secondary starts a tick or so after its call, which an experiment can afford.
 *       After {@value #LINGER_MILLIS} ms without a submission it stops polling and parks until the
 *       next deadline, or indefinitely; the first caller after that wakes it (the only wake-up a
 *       caller ever pays, once per quiet period). The price: at 500 secondaries a second the
 *       dispatcher takes about 2 % of a core, and the pool plus callers take less CPU in all than the
 *       {@code ThreadPoolExecutor} and its watchdog did; the back-off keeps sparse traffic from
 *       paying for a thousand empty polls a second.</li>
 *   <li><b>Bounded.</b> When threads plus queue are taken the secondary is skipped and counted: it
 *       never queues without bound and never blocks the caller (the secondary is an experiment; the
 *       caller's latency is the product).</li>
 *   <li><b>Timeouts.</b> A secondary that outlives its timeout (counted from its start) is interrupted
 *       and counted within a tick; its late outcome is dropped.</li>
 *   <li>Threads are daemons, so pending secondaries never keep the JVM from exiting; a worker idle
 *       for {@value #KEEP_ALIVE_SECONDS} s ends. Each secondary runs with the caller's context class
 *       loader and nothing else of the caller's thread: workers are started by the dispatcher, so
 *       unlike a {@code ThreadPoolExecutor} growing on a caller's thread they inherit neither that
 *       caller's context class loader nor its inheritable thread locals.</li>
 * </ul>
 */
public final class SecondaryExecutor {

  static final long TICK_MICROS = 1_000;
  static final long MAX_TICK_MILLIS = 32;
  static final long LINGER_MILLIS = 1_000;
  static final long KEEP_ALIVE_SECONDS = 60;
  private static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(TICK_MICROS);
  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS);
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS);
  /** A worker slot's value once its thread has ended. */
  private static final Object RETIRED = new Object();

  private final long timeoutNanos;
  private final boolean synchronous;
  private final int capacity;
  /** Secondaries submitted and not yet finished (waiting or running): at most {@link #capacity}. */
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  /** Submitted tasks, newest first, linked through {@link SecondaryTask#next}; taken whole by the dispatcher. */
  private final AtomicReference<SecondaryTask> submitted = new AtomicReference<>();
  /** Set by the dispatcher before it parks for longer than a tick; the next submitter clears it and wakes it. */
  private volatile boolean dispatcherAsleep;
  private final Worker[] workers;
  private final Thread dispatcher;
  private final AtomicInteger threadNumber = new AtomicInteger();

  public SecondaryExecutor(RoutingOptions options) {
    this.timeoutNanos = options.secondaryTimeout().toNanos();
    this.synchronous = options.synchronousSecondaries();
    this.capacity = options.secondaryThreads() + options.secondaryQueue();
    this.workers = new Worker[options.secondaryThreads()];
    // no inherited thread locals: nothing of the constructing thread's context travels to the pool
    this.dispatcher = new Thread(null, this::dispatch, "flaggate-secondary-dispatcher", 0, false);
    this.dispatcher.setDaemon(true);
    if (!synchronous) {
      this.dispatcher.start();
    }
  }

  /** Secondaries running now (the {@code secondary_running} gauge). */
  public int running() {
    return running.get();
  }

  void submit(Runnable secondary, FlagTelemetry telemetry, String shopperId, ExecutionContext callerContext) {
    if (synchronous) {
      runOnCaller(secondary, telemetry, callerContext);
      return;
    }
    if (!admit()) {
      telemetry.secondarySkipped();
      return;
    }
    SecondaryTask task = new SecondaryTask(secondary, telemetry, shopperId, Thread.currentThread().getContextClassLoader());
    SecondaryTask head;
    do {
      head = submitted.get();
      task.next = head;
    } while (!submitted.compareAndSet(head, task));
    if (dispatcherAsleep) {
      dispatcherAsleep = false;
      LockSupport.unpark(dispatcher);
    }
  }

  private boolean admit() {
    while (true) {
      int taken = admitted.get();
      if (taken >= capacity) {
        return false;
      }
      if (admitted.compareAndSet(taken, taken + 1)) {
        return true;
      }
    }
  }

  private void runOnCaller(Runnable secondary, FlagTelemetry telemetry, ExecutionContext context) {
    boolean wasInSecondary = context.inSecondary;
    context.inSecondary = true;
    running.incrementAndGet();
    try {
      secondary.run();
    } catch (Throwable agentFault) {
      telemetry.agentFault("synchronous secondary", agentFault);
    } finally {
      running.decrementAndGet();
      context.inSecondary = wasInSecondary;
    }
  }

  // ---- the dispatcher thread ----

  private void dispatch() {
    ArrayDeque<SecondaryTask> waiting = new ArrayDeque<>();
    long lastSubmission = System.nanoTime() - LINGER_NANOS;
    long tick = TICK_NANOS;
    while (true) {
      try {
        long now = System.nanoTime();
        if (takeSubmitted(waiting)) {
          lastSubmission = now;
          tick = TICK_NANOS;
        } else if (waiting.isEmpty()) {
          tick = Math.min(tick * 2, MAX_TICK_NANOS);
        }
        handOut(waiting);
        long nextDeadline = expireOverdue(now);
        if (waiting.isEmpty() && now - lastSubmission >= LINGER_NANOS) {
          // quiet: stop polling; a submitter wakes us (the flag is set before the last look at the list)
          dispatcherAsleep = true;
          if (submitted.get() == null) {
            if (nextDeadline == Long.MAX_VALUE) {
              LockSupport.park(this);
            } else {
              LockSupport.parkNanos(this, Math.max(nextDeadline - now, TICK_NANOS));
            }
          }
          dispatcherAsleep = false;
        } else {
          LockSupport.parkNanos(this, waiting.isEmpty() ? Math.min(tick, nextDeadline - now) : TICK_NANOS);
        }
      } catch (Throwable unexpected) {
        // the dispatcher must outlive anything (an OutOfMemoryError starting a thread, say)
        LockSupport.parkNanos(this, TICK_NANOS);
      }
    }
  }

  /** Moves the submitted tasks, oldest first, to the end of {@code waiting}; false if there were none. */
  private boolean takeSubmitted(ArrayDeque<SecondaryTask> waiting) {
    SecondaryTask newestFirst = submitted.getAndSet(null);
    if (newestFirst == null) {
      return false;
    }
    SecondaryTask oldestFirst = null;
    while (newestFirst != null) {
      SecondaryTask next = newestFirst.next;
      newestFirst.next = oldestFirst;
      oldestFirst = newestFirst;
      newestFirst = next;
    }
    while (oldestFirst != null) {
      SecondaryTask next = oldestFirst.next;
      oldestFirst.next = null;
      waiting.addLast(oldestFirst);
      oldestFirst = next;
    }
    return true;
  }

  /** Gives waiting tasks to idle workers, starting workers up to the pool size. */
  private void handOut(ArrayDeque<SecondaryTask> waiting) {
    for (int i = 0; i < workers.length && !waiting.isEmpty(); i++) {
      Worker worker = workers[i];
      if (worker == null || !worker.offer(waiting.peekFirst())) {
        if (worker != null && !worker.retired()) {
          continue; // busy
        }
        worker = new Worker(waiting.peekFirst());
        Thread thread = new Thread(null, worker, "flaggate-secondary-" + threadNumber.incrementAndGet(), 0, false);
        thread.setDaemon(true);
        worker.thread = thread;
        thread.start();
        workers[i] = worker;
      }
      waiting.pollFirst();
    }
  }

  /** Interrupts running tasks past their timeout; returns the earliest deadline still ahead. */
  private long expireOverdue(long now) {
    long next = Long.MAX_VALUE;
    for (Worker worker : workers) {
      if (worker == null) {
        continue;
      }
      SecondaryTask task = worker.current();
      if (task == null || !task.started || task.timedOut) {
        continue;
      }
      long deadline = task.startNanos + timeoutNanos;
      if (now - deadline >= 0) {
        task.expire();
      } else {
        next = Math.min(next, deadline);
      }
    }
    return next;
  }

  /** One pool thread. Its slot holds null (idle), the task it is given or runs, or {@link #RETIRED}. */
  private final class Worker implements Runnable {

    private final AtomicReference<Object> slot;
    volatile Thread thread;

    Worker(SecondaryTask first) {
      this.slot = new AtomicReference<>(first);
    }

    /** Called by the dispatcher: gives {@code task} to this worker if it is idle. */
    boolean offer(SecondaryTask task) {
      if (slot.compareAndSet(null, task)) {
        LockSupport.unpark(thread);
        return true;
      }
      return false;
    }

    boolean retired() {
      return slot.get() == RETIRED;
    }

    SecondaryTask current() {
      Object value = slot.get();
      return value instanceof SecondaryTask task ? task : null;
    }

    @Override
    public void run() {
      while (true) {
        Object value = awaitTask();
        if (value == RETIRED) {
          return;
        }
        try {
          ((SecondaryTask) value).run();
        } catch (Throwable unexpected) {
          // SecondaryTask.run catches the secondary's own failures; nothing else may end this thread
        } finally {
          admitted.decrementAndGet();
          slot.set(null);
        }
      }
    }

    /** Parks until the dispatcher hands over a task, or retires after the keep-alive. */
    private Object awaitTask() {
      long idleSince = System.nanoTime();
      while (true) {
        Object value = slot.get();
        if (value != null) {
          return value;
        }
        long idle = System.nanoTime() - idleSince;
        if (idle >= KEEP_ALIVE_NANOS) {
          if (slot.compareAndSet(null, RETIRED)) {
            return RETIRED;
          }
          continue; // a task arrived meanwhile
        }
        LockSupport.parkNanos(this, KEEP_ALIVE_NANOS - idle);
      }
    }
  }

  /** One secondary on a pool thread, with its timeout. */
  final class SecondaryTask {

    private final Runnable secondary;
    private final FlagTelemetry telemetry;
    private final String shopperId;
    private final ClassLoader callerClassLoader;
    /** The next task in the submitted list (owned by the list until the dispatcher takes it). */
    SecondaryTask next;
    private volatile boolean started;
    private long startNanos;
    private volatile boolean timedOut;
    private Thread runner; // guarded by this

    SecondaryTask(Runnable secondary, FlagTelemetry telemetry, String shopperId, ClassLoader callerClassLoader) {
      this.secondary = secondary;
      this.telemetry = telemetry;
      this.shopperId = shopperId;
      this.callerClassLoader = callerClassLoader;
    }

    boolean timedOut() {
      return timedOut;
    }

    void run() {
      Thread thread = Thread.currentThread();
      ExecutionContext context = ExecutionContext.current();
      ClassLoader poolClassLoader = thread.getContextClassLoader();
      thread.setContextClassLoader(callerClassLoader);
      context.inSecondary = true;
      context.task = this;
      synchronized (this) {
        runner = thread;
      }
      running.incrementAndGet();
      startNanos = System.nanoTime();
      started = true; // publishes startNanos to the dispatcher
      try {
        secondary.run();
      } catch (Throwable agentFault) {
        telemetry.agentFault("secondary", agentFault);
      } finally {
        synchronized (this) {
          runner = null;
        }
        running.decrementAndGet();
        context.inSecondary = false;
        context.task = null;
        thread.setContextClassLoader(poolClassLoader);
        Thread.interrupted(); // an interrupt meant for this task must not hit the next one
      }
    }

    /** Called by the dispatcher once the task is past its timeout. */
    void expire() {
      synchronized (this) {
        Thread thread = runner;
        if (thread == null) {
          return;
        }
        timedOut = true;
        thread.interrupt();
      }
      try {
        telemetry.secondaryTimedOut(shopperId, timeoutNanos);
      } catch (Throwable ignored) {
        // telemetry never stops the watchdog
      }
    }
  }
}
