package dev.flaggate.agent.config.watch;

import static dev.flaggate.agent.config.watch.FlagFiles.EVENTS_ONLY;
import static dev.flaggate.agent.config.watch.FlagFiles.renameIntoPlace;
import static dev.flaggate.agent.config.watch.FlagFiles.writeInPlace;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the listener: only news, never a file over the limit, and a throwing listener does
 * not stop the watcher. With the watcher thread, "nothing delivered" is proven by order (a sentinel
 * written afterwards must be the very next call); where a rewrite must be read on its own, the loop
 * is checked by hand.
 */
@Timeout(30)
class ConfigFileWatcherDeliveryTest {

  @TempDir Path dir;
  final RecordingListener listener = new RecordingListener();

  @Test
  @DisplayName("contract 4 Bad content: a file over the size limit is unreadable, never delivered")
  void oversizeFile_reportedUnreadableWithSizeAndLimit_neverDelivered() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "small");
    WatchOptions options = EVENTS_ONLY.withMaxFileSize(64);
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, options, listener)) {
      watcher.start();
      listener.nextContent("small");

      renameIntoPlace(file, "x".repeat(100));
      var unreadable = assertInstanceOf(RecordingListener.Unreadable.class, listener.next());
      assertTrue(unreadable.problem().contains("100 bytes"), unreadable.problem());
      assertTrue(unreadable.problem().contains("64 bytes"), unreadable.problem());
      renameIntoPlace(file, "sentinel");

      listener.nextContent("sentinel");
    }
  }

  @Test
  @DisplayName("contract 4 Bad content: a file over the limit at start-up is unreadable")
  void oversizeFileAtStart_reportedUnreadable() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "x".repeat(100));
    try (ConfigFileWatcher watcher =
        new ConfigFileWatcher(file, EVENTS_ONLY.withMaxFileSize(64), listener)) {
      watcher.start();

      assertInstanceOf(RecordingListener.Unreadable.class, listener.events.poll());
      renameIntoPlace(file, "small");
      listener.nextContent("small");
    }
  }

  @Test
  @DisplayName("a directory at the path is unreadable")
  void directoryAtThePath_reportedUnreadable() throws Exception {
    Path file = Files.createDirectory(dir.resolve("flags.json"));
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();

      var unreadable = assertInstanceOf(RecordingListener.Unreadable.class, listener.events.poll());
      assertTrue(unreadable.problem().contains("directory"), unreadable.problem());
    }
  }

  @Test
  @DisplayName("the same content rewritten, or only touched, is not delivered again")
  void unchangedContentRewritten_notDelivered() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    WatchLoop loop = checkedByHand(file);
    loop.check();
    listener.nextContent("v1");

    renameIntoPlace(file, "v1");
    loop.check();
    writeInPlace(file, "v1");
    loop.check();
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    loop.check();

    assertNull(listener.events.poll());
  }

  @Test
  @DisplayName("a file recreated with the content last delivered is not delivered again")
  void deleteThenRecreateSameContent_notDeliveredAgain() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    WatchLoop loop = checkedByHand(file);
    loop.check();
    listener.nextContent("v1");
    Files.delete(file);
    loop.check();
    assertInstanceOf(RecordingListener.Missing.class, listener.events.poll());

    renameIntoPlace(file, "v1");
    loop.check();

    assertNull(listener.events.poll());
  }

  @Test
  @DisplayName("missing is said once per disappearance, a problem once until a content is read")
  void missingAndUnreadable_reportedOncePerSpell() throws Exception {
    Path file = dir.resolve("flags.json");
    WatchLoop loop = checkedByHand(file);
    loop.check();
    loop.check();
    assertInstanceOf(RecordingListener.Missing.class, listener.events.poll());
    assertNull(listener.events.poll());

    Files.createDirectory(file);
    loop.check();
    loop.check();

    assertInstanceOf(RecordingListener.Unreadable.class, listener.events.poll());
    assertNull(listener.events.poll());
  }

  @Test
  @DisplayName("a listener that throws is reported, and the watcher keeps delivering")
  void listenerThatThrows_doesNotStopTheWatcher() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    RecordingListener throwing =
        new RecordingListener() {
          @Override
          public void onContent(byte[] content) {
            super.onContent(content);
            throw new IllegalStateException("listener bug");
          }
        };
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, throwing)) {
      watcher.start();
      throwing.nextContent("v1");
      assertTrue(throwing.nextProblem().contains("listener bug"));

      renameIntoPlace(file, "v2");

      throwing.nextContent("v2");
      assertTrue(throwing.nextProblem().contains("listener bug"));
    }
  }

  /**
   * The watcher's loop without its thread: each {@code check()} reads the file once, so "nothing
   * delivered" can be asserted without waiting and without a burst being read as one.
   */
  private WatchLoop checkedByHand(Path file) {
    SafeListener safe = new SafeListener(listener);
    return new WatchLoop(file, EVENTS_ONLY.pollingOnly(), safe); // never run: checks only
  }
}
