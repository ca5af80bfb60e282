package dev.flaggate.agent.config.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads the watched file through its symlinks, never more than the size limit. */
final class BoundedFileReader {

  private final long maxBytes;

  BoundedFileReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Observation read(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        return new Observation.Unreadable("is a directory, not a file");
      }
      // a FIFO or device would block the watcher thread on read, or never end
      if (!attributes.isRegularFile()) {
        return new Observation.Unreadable("is not a regular file");
      }
      if (attributes.size() > maxBytes) {
        return tooLarge(attributes.size() + " bytes");
      }
      return readAtMostLimit(file);
    } catch (NoSuchFileException e) {
      return new Observation.Missing();
    } catch (IOException | SecurityException e) {
      return new Observation.Unreadable(
          "cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Observation readAtMostLimit(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      // one byte beyond the limit tells a file that grew after the size check
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      return bytes.length > maxBytes
          ? tooLarge("more than " + maxBytes + " bytes")
          : new Observation.Content(bytes);
    }
  }

  private Observation tooLarge(String size) {
    return new Observation.Unreadable(
        "is too large: " + size + ", the limit is " + maxBytes + " bytes");
  }
}
