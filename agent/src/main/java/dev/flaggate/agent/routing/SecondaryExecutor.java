package dev.flaggate.agent.routing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the secondary side of shadow and dual-run calls without ever slowing or failing the caller.
 *
 * <p>Design note: a bounded pool of daemon threads with a bounded queue. When both are full the
 * secondary is skipped and counted: it never queues without bound and never blocks the caller
 * (the secondary is an experiment; the caller's latency is the product). A watchdog interrupts a
 * secondary that outlives its timeout and counts it; its late outcome is dropped. Threads are
 * daemons, so pending secondaries never keep the JVM from exiting. Each secondary runs with the
 * caller's context class loader and nothing else of the caller's thread.
 */
public final class SecondaryExecutor {

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final long timeoutNanos;
  private final boolean synchronous;
  private final AtomicInteger running = new AtomicInteger();

  public SecondaryExecutor(RoutingOptions options) {
    this.timeoutNanos = options.secondaryTimeout().toNanos();
    this.synchronous = options.synchronousSecondaries();
    this.pool = new ThreadPoolExecutor(options.secondaryThreads(), options.secondaryThreads(), 60, TimeUnit.SECONDS,
        options.secondaryQueue() == 0
            ? new java.util.concurrent.SynchronousQueue<>()
            : new ArrayBlockingQueue<>(options.secondaryQueue()),
        daemonThreads("flaggate-secondary-"), new ThreadPoolExecutor.AbortPolicy());
    this.pool.allowCoreThreadTimeOut(true);
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("flaggate-secondary-watchdog-"));
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
    SecondaryTask task = new SecondaryTask(secondary, telemetry, shopperId, Thread.currentThread().getContextClassLoader());
    try {
      pool.execute(task);
    } catch (RejectedExecutionException full) {
      telemetry.secondarySkipped();
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

  /** One secondary on a pool thread, with its timeout. */
  final class SecondaryTask implements Runnable {

    private final Runnable secondary;
    private final FlagTelemetry telemetry;
    private final String shopperId;
    private final ClassLoader callerClassLoader;
    private volatile boolean timedOut;
    private volatile Thread runner;

    SecondaryTask(Runnable secondary, FlagTelemetry telemetry, String shopperId, ClassLoader callerClassLoader) {
      this.secondary = secondary;
      this.telemetry = telemetry;
      this.shopperId = shopperId;
      this.callerClassLoader = callerClassLoader;
    }

    boolean timedOut() {
      return timedOut;
    }

    @Override
    public void run() {
      Thread thread = Thread.currentThread();
      ExecutionContext context = ExecutionContext.current();
      ClassLoader poolClassLoader = thread.getContextClassLoader();
      thread.setContextClassLoader(callerClassLoader);
      context.inSecondary = true;
      context.task = this;
      runner = thread;
      running.incrementAndGet();
      ScheduledFuture<?> timeout = watchdog.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
      try {
        secondary.run();
      } catch (Throwable agentFault) {
        telemetry.agentFault("secondary", agentFault);
      } finally {
        timeout.cancel(false);
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
