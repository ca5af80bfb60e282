package dev.flaggate.agent.config.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tells the watcher thread that something happened in one of the watched directories, or lets the
 * time pass when there is no WatchService (polling-only mode, or after it failed).
 *
 * <p>Events are not inspected: any event (a temporary file renamed into place, {@code ..data}
 * swapped, OVERFLOW after lost events) only means "maybe changed", and the content decides.
 * Problems are reported once each, and watching degrades to polling instead of stopping.
 */
final class DirectoryWatch implements AutoCloseable {

  private final SafeListener listener;
  private final Map<Path, WatchKey> keys = new HashMap<>();
  private final WatchService service;
  private volatile boolean closed;
  private boolean failed;
  private String lastProblem;

  private DirectoryWatch(WatchService service, SafeListener listener) {
    this.service = service;
    this.listener = listener;
  }

  static DirectoryWatch pollingOnly(SafeListener listener) {
    return new DirectoryWatch(null, listener);
  }

  static DirectoryWatch open(Path file, SafeListener listener) {
    try {
      return new DirectoryWatch(file.getFileSystem().newWatchService(), listener);
    } catch (IOException | UnsupportedOperationException e) {
      // e.g. Linux's inotify instance limit reached
      listener.problem("cannot create a WatchService (" + e + "); polling only");
      return pollingOnly(listener);
    }
  }

  /**
   * Watches exactly the directories {@code file} depends on now: new ones added, stale ones
   * dropped.
   */
  void follow(Path file) {
    if (!watching()) {
      return;
    }
    Set<Path> wanted = WatchedDirectories.of(file);
    for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, WatchKey> entry = it.next();
      if (!wanted.contains(entry.getKey()) || !entry.getValue().isValid()) {
        entry.getValue().cancel();
        it.remove();
      }
    }
    String problem = null;
    for (Path directory : wanted) {
      if (keys.containsKey(directory)) {
        continue;
      }
      try {
        keys.put(directory, directory.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
      } catch (IOException | RuntimeException e) {
        problem = "cannot watch " + directory + " (" + e + "); relying on polling";
      }
    }
    if (wanted.isEmpty()) {
      problem = "the directory of " + file + " does not exist; relying on polling";
    }
    reportOnce(problem);
  }

  /**
   * Waits up to {@code nanos} for an event and drains every event already queued.
   *
   * @return whether anything happened
   */
  boolean await(long nanos) throws InterruptedException {
    if (!watching()) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return false;
    }
    try {
      WatchKey key = service.poll(nanos, TimeUnit.NANOSECONDS);
      if (key == null) {
        return false;
      }
      do {
        key.pollEvents();
        // false means the directory went away; follow() notices the invalid key and re-registers
        key.reset();
        key = service.poll();
      } while (key != null);
      return true;
    } catch (ClosedWatchServiceException e) {
      if (closed) {
        throw new InterruptedException("closed");
      }
      listener.problem("the WatchService closed unexpectedly; polling only");
      failed = true;
      keys.clear();
      return true; // something may have changed while it failed
    }
  }

  /** Stops the WatchService; may be called from any thread, and wakes a thread blocked in await. */
  @Override
  public void close() {
    closed = true;
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (IOException e) {
      listener.problem("cannot close the WatchService: " + e);
    }
  }

  private boolean watching() {
    return service != null && !failed;
  }

  private void reportOnce(String problem) {
    if (problem != null && !problem.equals(lastProblem)) {
      listener.problem(problem);
    }
    lastProblem = problem;
  }
}
