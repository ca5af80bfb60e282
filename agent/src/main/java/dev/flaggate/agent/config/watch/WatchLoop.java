package dev.flaggate.agent.config.watch;

import java.nio.file.Path;

/**
 * The watcher thread's work: wait for an event or the next poll, let a burst settle, re-read, and
 * hand the result to the {@link DeliveryGate}.
 */
final class WatchLoop implements Runnable {

  /**
   * A directory that never falls quiet (a log file written beside the flags) still gets the file
   * re-read after this many quiet periods.
   */
  private static final int MAX_QUIET_PERIODS = 10;

  private final Path file;
  private final long pollNanos;
  private final long quietNanos;
  private final BoundedFileReader reader;
  private final boolean useWatchService;
  private final DeliveryGate gate;
  private final SafeListener listener;
  private volatile DirectoryWatch directories;
  private volatile boolean stopped;

  /** A loop that polls until {@link #run()} opens the WatchService (when {@code options} use one). */
  WatchLoop(Path file, WatchOptions options, SafeListener listener) {
    this.file = file;
    this.pollNanos = options.pollInterval().toNanos();
    this.quietNanos = options.quietPeriod().toNanos();
    this.reader = new BoundedFileReader(options.maxFileSize());
    this.useWatchService = options.useWatchService();
    this.directories = DirectoryWatch.pollingOnly(listener);
    this.gate = new DeliveryGate(listener);
    this.listener = listener;
  }

  @Override
  public void run() {
    if (useWatchService) {
      openWatchService();
    }
    long nextPoll = System.nanoTime() + pollNanos;
    while (!stopped) {
      try {
        long untilPoll = nextPoll - System.nanoTime();
        if (untilPoll > 0) {
          if (!directories.await(untilPoll)) {
            continue;
          }
          settle();
        }
        check();
      } catch (InterruptedException e) {
        return; // only stop() interrupts
      } catch (RuntimeException | Error e) {
        // a bug or a resource failure in one round must not end watching, nor end it silently
        listener.problem("unexpected failure, still watching: " + e);
      }
      nextPoll = System.nanoTime() + pollNanos;
    }
  }

  /** Re-reads the file and delivers what is news. */
  void check() {
    // watches first: a change made after the read is then sure to raise an event
    directories.follow(file);
    Observation observation = reader.read(file);
    if (!stopped) {
      gate.offer(observation);
    }
  }

  /** Stops the loop and releases the WatchService; the caller also interrupts the thread. */
  void stop() {
    stopped = true;
    directories.close();
  }

  /**
   * Registers the watches, on the watcher thread: the initial read does not wait for the JDK's
   * WatchService (its classes and its thread are start-up time the application would pay). The
   * file is read again once the watches are in place, so a change made in between is not missed;
   * an unchanged content is not delivered twice.
   */
  private void openWatchService() {
    DirectoryWatch opened = DirectoryWatch.open(file, listener);
    directories = opened;
    if (stopped) {
      opened.close(); // stop() came while opening and closed the polling-only watch instead
      return;
    }
    check();
  }

  /**
   * Waits until the directory has been quiet for a quiet period: the last write of a burst wins.
   */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + quietNanos * MAX_QUIET_PERIODS;
    long wait;
    while ((wait = Math.min(quietNanos, deadline - System.nanoTime())) > 0
        && directories.await(wait)) {
      // each event restarts the quiet period
    }
  }
}
