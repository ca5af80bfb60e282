package dev.flaggate.demo.tour;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A log file read in windows: the lines written between two offsets. */
final class LogFile {

  private final Path path;

  LogFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** @return the current end of the file, 0 when it does not exist yet */
  long end() {
    try {
      return Files.exists(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** @return the complete lines between {@code from} and the current end */
  List<String> linesFrom(long from) {
    List<String> lines = new ArrayList<>();
    if (path == null || !Files.exists(path)) {
      return lines;
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      long length = file.length();
      if (length <= from) {
        return lines;
      }
      byte[] bytes = new byte[(int) Math.min(length - from, 64L * 1024 * 1024)];
      file.seek(from);
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) {
        return lines;
      }
      for (String line : text.substring(0, lastNewline).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // an unreadable log counts as an empty one: the checks that need it fail and say so
    }
    return lines;
  }
}
