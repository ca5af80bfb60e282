package dev.flaggate.agent.config.watch;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The ways operators change a flag file, as the tests need them. */
final class FlagFiles {

  /** Events only: a poll this slow cannot rescue a test within {@link RecordingListener#WAIT}. */
  static final WatchOptions EVENTS_ONLY =
      WatchOptions.defaults().withPollInterval(Duration.ofHours(1));

  private FlagFiles() {}

  /** Writes a temporary file beside {@code file} and renames it over {@code file}, as vim does. */
  static void renameIntoPlace(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(temporary, content);
    Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
  }

  /** Truncates {@code file} and writes into it, as {@code echo > file} does. */
  static void writeInPlace(Path file, String content) throws IOException {
    Files.writeString(file, content);
  }
}
