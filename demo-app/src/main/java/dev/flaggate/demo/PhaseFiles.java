package dev.flaggate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The phase files of {@code config/}: read from the repository's directory when known, else from
 * the copy packaged inside the demo jar.
 */
public final class PhaseFiles {

  private final Path directory;

  /** @param directory the {@code config/} directory, or {@code null} for the packaged copy */
  public PhaseFiles(Path directory) {
    this.directory = directory;
  }

  /** @return the {@code config/} directory, or {@code null} when the packaged copy is used */
  public Path directory() {
    return directory;
  }

  /** @return where the files come from, for messages */
  public String origin() {
    return directory != null ? directory.toString() : "the demo jar (config/ packaged at build time)";
  }

  /**
   * @param name e.g. {@code canary.json}
   * @return its bytes
   */
  public byte[] read(String name) {
    try {
      if (directory != null) {
        return Files.readAllBytes(directory.resolve(name));
      }
      try (InputStream in = PhaseFiles.class.getResourceAsStream("/config/" + name)) {
        if (in == null) {
          throw new IOException("config/" + name + " is not packaged in the demo jar");
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read phase file " + name + " from " + origin(), e);
    }
  }

  /**
   * Puts a phase file in place as {@code target}: written beside it, then renamed over it, so the
   * agent never sees a half-written file.
   *
   * @param name the phase file
   * @param target the watched flag file
   */
  public void install(String name, Path target) {
    try {
      Path staged = target.resolveSibling("." + target.getFileName() + ".next");
      Files.write(staged, read(name));
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException atomicMoveRefused) {
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + name + " as " + target, e);
    }
  }
}
