package dev.flaggate.agent.routing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the secondary side of shadow and dual-run calls without ever slowing or failing the caller.
 *
 * <p>Design note: a bounded pool of daemon threads ({@code ThreadPoolExecutor}) behind a hand-off
 * ({@link SecondaryHandOff}) that spares the caller the wake-up of a pool thread. The bound is
 * taken on the caller's thread with one atomic increment: secondaries admitted and not finished
 * (waiting in the hand-off, queued in the pool or running) never exceed threads plus queue; past
 * that the secondary is skipped and counted. It never queues without bound and never blocks the
 * caller (the secondary is an experiment; the caller's latency is the product). A watchdog
 * interrupts a secondary that outlives its timeout and counts it; its late outcome is dropped.
 * Threads are daemons, so pending secondaries never keep the JVM from exiting. Pool threads are
 * started by the hand-off's thread, so each secondary runs with the caller's context class loader
 * and nothing else of any caller's thread.
 */
public final class SecondaryExecutor {

  /** Waiting secondaries at which a caller wakes the hand-off rather than wait for its next poll. */
  private static final int MAX_WAKE_BACKLOG = 8;

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final SecondaryHandOff handOff;
  private final long timeoutNanos;
  private final boolean synchronous;
  private final int capacity;
  /** Secondaries admitted and not finished: at most {@link #capacity}. */
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  public SecondaryExecutor(RoutingOptions options) {
    this.timeoutNanos = options.secondaryTimeout().toNanos();
    this.synchronous = options.synchronousSecondaries();
    this.capacity = options.secondaryThreads() + options.secondaryQueue();
    if (synchronous) {
      this.pool = null;
      this.watchdog = null;
      this.handOff = null;
      return;
    }
    // unbounded queue: admission bounds it
    this.pool = new ThreadPoolExecutor(options.secondaryThreads(), options.secondaryThreads(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("flaggate-secondary-"), new ThreadPoolExecutor.AbortPolicy());
    this.pool.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("flaggate-secondary-watchdog-"));
    // a finished secondary's timeout leaves the queue at once; otherwise each would still wake the
    // watchdog at its deadline, to find it cancelled: one wake-up per secondary, for nothing
    timer.setRemoveOnCancelPolicy(true);
    this.watchdog = timer;
    // a small pool gets a small backlog: with one thread and no queue, every hand-off wakes
    this.handOff = new SecondaryHandOff(new PoolTarget(), Math.min(MAX_WAKE_BACKLOG, Math.max(1, capacity / 4)));
  }

  /** Secondaries running now (the {@code secondary_running} gauge). */
  public int running() {
    return running.get();
  }

  /** Secondaries admitted and not finished. */
  int admitted() {
    return admitted.get();
  }

  /** Wake-ups of the hand-off's thread paid by callers so far. */
  long callerWakeUps() {
    return handOff == null ? 0 : handOff.callerWakeUps();
  }

  /** Runs or hands {@code secondary}; false when it was skipped, the pool being full. */
  boolean submit(Runnable secondary, FlagTelemetry telemetry, String shopperId, ExecutionContext callerContext) {
    if (synchronous) {
      runOnCaller(secondary, telemetry, callerContext);
      return true;
    }
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      telemetry.secondarySkipped();
      return false;
    }
    try {
      handOff.hand(new SecondaryTask(secondary, telemetry, shopperId, Thread.currentThread().getContextClassLoader()));
    } catch (Throwable notHanded) {
      admitted.decrementAndGet(); // an OutOfMemoryError, say: the slot must not be lost with the task
      throw notHanded;
    }
    return true;
  }

  /** The hand-off's thread passes each task to the pool; a pool that refuses it (cannot start a thread) skips it. */
  private final class PoolTarget implements SecondaryHandOff.Target {
    @Override
    public void accept(SecondaryTask task) {
      try {
        pool.execute(task);
      } catch (Throwable refused) {
        // the pool could not start a thread; it may have queued the task all the same, so whichever
        // of this and the task's run claims it first gives the slot back, exactly once
        if (task.claim()) {
          admitted.decrementAndGet();
          task.telemetry.secondarySkipped();
        }
      }
    }
  }

  /**
   * Runs the secondary on the caller's thread. The thread's interrupt status is the caller's: a
   * secondary that consumes it (a sleep that throws) must not take a cancellation
   * ({@code Future.cancel(true)}) from the caller, so a status set before is set after.
   */
  private void runOnCaller(Runnable secondary, FlagTelemetry telemetry, ExecutionContext context) {
    boolean wasInSecondary = context.inSecondary;
    boolean wasInterrupted = Thread.currentThread().isInterrupted();
    context.inSecondary = true;
    running.incrementAndGet();
    try {
      secondary.run();
    } catch (Throwable agentFault) {
      telemetry.agentFault("synchronous secondary", agentFault);
    } finally {
      running.decrementAndGet();
      context.inSecondary = wasInSecondary;
      // never cleared here: an interrupt that reached the caller while the secondary ran (another
      // thread's cancel) must survive too, and a secondary cannot be told apart from it
      if (wasInterrupted && !Thread.currentThread().isInterrupted()) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadFactory() { // not a lambda: the pool is built on the agent's start path
      @Override
      public Thread newThread(Runnable runnable) {
        // created on a caller's thread: inherit none of its inheritable thread locals (the app's context)
        Thread thread = new Thread(null, runnable, prefix + count.incrementAndGet(), 0, false);
        thread.setDaemon(true);
        return thread;
      }
    };
  }

  /** Holds the handle of {@link SecondaryTask#claimed}: made on first use, by a pool or hand-off thread, not at start. */
  private static final class Claims {
    static final VarHandle CLAIMED;

    static {
      try {
        CLAIMED = MethodHandles.lookup().findVarHandle(SecondaryTask.class, "claimed", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /** One secondary on a pool thread, with its timeout. */
  final class SecondaryTask implements Runnable {

    private final Runnable secondary;
    private final FlagTelemetry telemetry;
    private final String shopperId;
    private final ClassLoader callerClassLoader;
    private volatile boolean timedOut;
    private volatile Thread runner;
    /** 0 until run or skipped; see {@link #claim}. */
    private volatile int claimed;

    SecondaryTask(Runnable secondary, FlagTelemetry telemetry, String shopperId, ClassLoader callerClassLoader) {
      this.secondary = secondary;
      this.telemetry = telemetry;
      this.shopperId = shopperId;
      this.callerClassLoader = callerClassLoader;
    }

    boolean timedOut() {
      return timedOut;
    }

    /** True for the one caller that gets to run or to skip this task. */
    boolean claim() {
      return Claims.CLAIMED.compareAndSet(this, 0, 1);
    }

    @Override
    public void run() {
      if (!claim()) {
        return; // counted as skipped when the pool refused it
      }
      try {
        runWithTimeout();
      } finally {
        admitted.decrementAndGet(); // whatever happened, the slot is free again
      }
    }

    private void runWithTimeout() {
      Thread thread = Thread.currentThread();
      ExecutionContext context = ExecutionContext.current();
      ClassLoader poolClassLoader = thread.getContextClassLoader();
      thread.setContextClassLoader(callerClassLoader);
      context.inSecondary = true;
      context.task = this;
      runner = thread;
      running.incrementAndGet();
      ScheduledFuture<?> timeout = null;
      try {
        timeout = watchdog.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        secondary.run();
      } catch (Throwable agentFault) {
        telemetry.agentFault("secondary", agentFault);
      } finally {
        if (timeout != null) {
          timeout.cancel(false);
        }
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

    private void expire() {
      synchronized (this) {
        Thread thread = runner;
        if (thread == null) {
          return;
        }
        timedOut = true;
        thread.interrupt();
      }
      telemetry.secondaryTimedOut(shopperId, timeoutNanos);
    }
  }
}
