package dev.flaggate.agent.config.watch;

import static dev.flaggate.agent.config.watch.FlagFiles.EVENTS_ONLY;
import static dev.flaggate.agent.config.watch.FlagFiles.renameIntoPlace;
import static dev.flaggate.agent.config.watch.FlagFiles.writeInPlace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** start() gives the initial state synchronously; close() ends the one watcher thread. */
@Timeout(30)
class ConfigFileWatcherLifecycleTest {

  @TempDir Path dir;
  final RecordingListener listener = new RecordingListener();

  @Test
  @DisplayName("start() has delivered the initial content, on the caller's thread, when it returns")
  void start_deliversInitialContentBeforeReturning() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();

      var content = assertInstanceOf(RecordingListener.Content.class, listener.events.poll());
      assertEquals("v1", content.text());
      assertEquals(Thread.currentThread(), content.thread());
    }
  }

  @Test
  @DisplayName("start() without a file reports it missing, then delivers it when it appears")
  void start_withoutFile_reportsMissingThenDeliversIt() throws Exception {
    Path file = dir.resolve("flags.json");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      assertInstanceOf(RecordingListener.Missing.class, listener.events.poll());

      renameIntoPlace(file, "v1");

      listener.nextContent("v1");
    }
  }

  @Test
  @DisplayName("the watcher runs on one named daemon thread, which close() stops")
  void close_stopsTheWatcherThread() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener);
    watcher.start();
    listener.nextContent("v1");
    renameIntoPlace(file, "v2");
    Thread thread = listener.nextContent("v2").thread();
    assertEquals(ConfigFileWatcher.THREAD_NAME, thread.getName());
    assertTrue(thread.isDaemon());

    watcher.close();

    thread.join(RecordingListener.WAIT.toMillis());
    assertFalse(thread.isAlive());
  }

  @Test
  @DisplayName("stopAtExit() ends the JDK's WatchService poller, which would hold JVM exit for 300 ms in native poll()")
  void stopAtExit_endsTheWatchServicePoller() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    java.util.Set<Thread> before = pollers();
    ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener);
    watcher.start();
    listener.nextContent("v1");
    renameIntoPlace(file, "v2");
    Thread watcherThread = listener.nextContent("v2").thread(); // an event came: the WatchService is open
    java.util.Set<Thread> ours = pollers();
    ours.removeAll(before);
    assertFalse(ours.isEmpty(), "the WatchService should have started its poller thread");

    watcher.stopAtExit();

    for (Thread poller : ours) {
      poller.join(RecordingListener.WAIT.toMillis());
      assertFalse(poller.isAlive(), poller + " still runs");
    }
    watcherThread.join(RecordingListener.WAIT.toMillis());
    assertFalse(watcherThread.isAlive());
  }

  private static java.util.Set<Thread> pollers() {
    java.util.Set<Thread> pollers = new java.util.HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("FileSystemWatchService")) {
        pollers.add(thread);
      }
    }
    return pollers;
  }

  @Test
  @DisplayName("a watcher starts once")
  void start_twice_refused() throws Exception {
    try (ConfigFileWatcher watcher =
        new ConfigFileWatcher(dir.resolve("flags.json"), EVENTS_ONLY, listener)) {
      watcher.start();

      assertThrows(IllegalStateException.class, watcher::start);
    }
  }
}
