package dev.flaggate.agent.config.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers the raw bytes of the flag file to a {@link Listener} each time they really change, and
 * says when the file goes missing or cannot be read. It does not parse anything.
 *
 * <p><b>Design.</b> Operators change the file in many ways: in place (truncate, write), by renaming
 * a temporary file over it (vim, IntelliJ, {@code sed -i}), or, on a Kubernetes ConfigMap mount, by
 * swapping a {@code ..data} symlink to a new directory. Watching the file itself would lose track
 * of it at the first rename, so the watcher watches its <em>directory</em> (and the directory of
 * every symlink it goes through), and treats any event there, OVERFLOW included, as "maybe
 * changed". After a short quiet period, so that a burst of writes is read once at its end, it
 * re-reads the file through its symlinks and compares its content with the last delivered
 * one: only a different content is delivered. Events are therefore only a hint, which is
 * what makes polling a safe complement: WatchService misses changes on NFS and some container
 * overlays, and is itself a slow poller on macOS, so the file is also re-read every poll interval,
 * with the same check. When the directory disappears or the WatchService fails, polling
 * carries on alone and the problem is reported; nothing is ever thrown at the caller.
 *
 * <p>One daemon thread, {@value #THREAD_NAME}, does all the work after {@link #start()}. (The
 * JDK's Linux WatchService adds one internal daemon thread, {@code FileSystemWatchService}, per
 * watcher; polling-only mode has none.)
 */
public final class ConfigFileWatcher implements AutoCloseable {

  /** The name of the watcher thread. */
  public static final String THREAD_NAME = "flaggate-config-watcher";

  /** How long close() waits for a listener call in progress before giving up on the thread. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private final Path file;
  private final WatchOptions options;
  private final SafeListener listener;
  private WatchLoop loop;
  private Thread thread;
  private boolean closed;

  /**
   * A watcher for {@code file}; nothing happens before {@link #start()}.
   *
   * @param file the flag file; if it is a symlink, it is followed at every read
   */
  public ConfigFileWatcher(Path file, WatchOptions options, Listener listener) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.options = Objects.requireNonNull(options, "options");
    this.listener = new SafeListener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads the file once and delivers what it found before returning, so the caller knows the
   * initial state before the application runs; then watches in the background.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    if (loop != null || closed) {
      throw new IllegalStateException("a watcher starts once, before close()");
    }
    loop = new WatchLoop(file, options, listener);
    loop.check();
    if (closed) {
      return; // the listener closed the watcher while taking the initial state
    }
    thread = new Thread(loop, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops watching: no delivery starts after this returns. Waits briefly for a delivery in
   * progress; safe to call more than once, from any thread, the listener included.
   */
  @Override
  public void close() {
    Thread running = stop();
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    try {
      running.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.isAlive()) {
      listener.problem(
          "close(): the watcher thread is still in a listener call after " + CLOSE_TIMEOUT);
    }
  }

  /**
   * Stops watching as the JVM exits, without waiting for the watcher thread. Closing the
   * WatchService ends the JDK's poller thread, which otherwise sits in a native {@code poll} call:
   * the JVM waits up to 300 ms at exit for threads in native code, which every short-lived
   * application would pay.
   */
  public void stopAtExit() {
    stop();
  }

  /** Stops the loop and interrupts its thread; returns the thread, or null if nothing ran. */
  private Thread stop() {
    Thread running;
    synchronized (this) {
      if (closed) {
        return null;
      }
      closed = true;
      if (loop == null) {
        return null;
      }
      loop.stop();
      running = thread;
    }
    if (running != null) {
      running.interrupt();
    }
    return running;
  }

  /**
   * Receives what the watcher finds. The calls about the file never overlap: the first comes from
   * {@link #start()} on the caller's thread, the others from the watcher thread. Whatever a method
   * throws is caught and reported through {@link #onWatcherProblem}; the watcher keeps running.
   */
  public interface Listener {

    /**
     * The file holds a content other than the last one delivered. A file that comes back after a
     * deletion or a read error with the content last delivered is not delivered again: downstream
     * still holds it as its last-known-good config.
     *
     * @param content the whole file; the listener may keep it
     */
    void onContent(byte[] content);

    /** The file does not exist (deleted, or not there yet). Said once per disappearance. */
    void onMissing();

    /**
     * Something is at the path but cannot be used: too large (the problem says size and limit), not
     * a regular file, an I/O error. Said once per distinct problem, until a content is read again.
     *
     * @param problem what is wrong, without the path
     */
    void onUnreadable(String problem);

    /**
     * Watching itself is degraded (no WatchService, a directory that cannot be watched, a listener
     * that threw), though the file is still polled. May come from the thread calling {@link
     * ConfigFileWatcher#close()}. The agent routes this to its log; the default writes to standard
     * error so that it is never silent.
     */
    default void onWatcherProblem(String problem) {
      System.err.println("flaggate: config watcher: " + problem);
    }
  }
}
