package dev.flaggate.agent.config.watch;

import static dev.flaggate.agent.config.watch.FlagFiles.EVENTS_ONLY;
import static dev.flaggate.agent.config.watch.FlagFiles.renameIntoPlace;
import static dev.flaggate.agent.config.watch.FlagFiles.writeInPlace;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 4, "Reload": every way an operator changes the file is followed. Unless a test
 * is about polling, the poll interval is an hour, so only the WatchService can make these pass.
 */
@Timeout(30)
class ConfigFileWatcherReloadTest {

  @TempDir Path dir;
  final RecordingListener listener = new RecordingListener();

  @Test
  @DisplayName("contract 4 Reload: an in-place write (truncate + write) is delivered")
  void reload_inPlaceWrite_delivered() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v1");

      writeInPlace(file, "v2");

      listener.awaitContent("v2");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: a file renamed into place (vim, IntelliJ, sed -i) is delivered")
  void reload_renameIntoPlace_delivered() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v1");

      renameIntoPlace(file, "v2");
      listener.nextContent("v2");
      renameIntoPlace(file, "v3");
      listener.nextContent("v3");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: a Kubernetes ConfigMap ..data symlink swap is delivered, twice")
  void reload_configMapSymlinkSwap_delivered() throws Exception {
    Path first = configMapVersion("..2026_11_29_05_00_00.123", "v1");
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Path file =
        Files.createSymbolicLink(dir.resolve("flags.json"), Path.of("..data", "flags.json"));
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v1");

      Path second = swapConfigMap(first, "..2026_11_29_05_01_00.456", "v2");
      listener.nextContent("v2");
      // the directory watched through the first swap is gone: the watcher must still follow
      swapConfigMap(second, "..2026_11_29_05_02_00.789", "v3");
      listener.nextContent("v3");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: a symlink into another directory is followed there")
  void reload_symlinkIntoAnotherDirectory_followsTheTarget() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path target = elsewhere.resolve("flags.json");
    writeInPlace(target, "v1");
    Path etc = Files.createDirectory(dir.resolve("etc"));
    Path file = Files.createSymbolicLink(etc.resolve("flags.json"), target);
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v1");

      renameIntoPlace(target, "v2");

      listener.nextContent("v2");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: a deleted file is reported missing, its new content delivered")
  void reload_deleteThenRecreate_missingThenNewContent() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v1");

      Files.delete(file);
      assertInstanceOf(RecordingListener.Missing.class, listener.next());
      renameIntoPlace(file, "v2");

      listener.nextContent("v2");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: after a burst of 200 writes the last one wins, nothing after")
  void reload_burstOf200Writes_lastContentWinsAndNothingFollows() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v0");
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, EVENTS_ONLY, listener)) {
      watcher.start();
      listener.nextContent("v0");

      for (int i = 1; i <= 200; i++) {
        writeInPlace(file, "v" + i);
      }
      listener.awaitContent("v200");
      renameIntoPlace(file, "sentinel");

      listener.nextContent("sentinel");
    }
  }

  @Test
  @DisplayName("when the directory disappears, polling carries on and says so")
  void reload_directoryDeletedAndRecreated_pollingCarriesOn() throws Exception {
    Path config = Files.createDirectory(dir.resolve("config"));
    Path file = config.resolve("flags.json");
    writeInPlace(file, "v1");
    WatchOptions options = WatchOptions.defaults().withPollInterval(Duration.ofMillis(50));
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, options, listener)) {
      watcher.start();
      listener.nextContent("v1");

      Files.delete(file);
      Files.delete(config);
      assertInstanceOf(RecordingListener.Missing.class, listener.next());
      assertTrue(listener.nextProblem().contains("relying on polling"));
      Files.createDirectory(config);
      renameIntoPlace(file, "v2");

      listener.nextContent("v2");
    }
  }

  @Test
  @DisplayName("contract 4 Reload: polling alone picks up a change")
  void reload_pollingOnly_picksUpChange() throws Exception {
    Path file = dir.resolve("flags.json");
    writeInPlace(file, "v1");
    WatchOptions options =
        WatchOptions.defaults().withPollInterval(Duration.ofMillis(50)).pollingOnly();
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, options, listener)) {
      watcher.start();
      listener.nextContent("v1");

      renameIntoPlace(file, "v2");

      listener.nextContent("v2");
    }
  }

  /** Writes one ConfigMap version into its own timestamped directory, as the kubelet does. */
  private Path configMapVersion(String name, String content) throws IOException {
    Path version = Files.createDirectory(dir.resolve(name));
    Files.writeString(version.resolve("flags.json"), content);
    return version;
  }

  /**
   * The kubelet's update: new directory, {@code ..data_tmp} link to it, atomic rename, old one
   * removed.
   */
  private Path swapConfigMap(Path old, String name, String content) throws IOException {
    Path next = configMapVersion(name, content);
    Path temporaryLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), next.getFileName());
    Files.move(temporaryLink, dir.resolve("..data"), ATOMIC_MOVE);
    deleteRecursively(old);
    return next;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
