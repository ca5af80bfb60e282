package dev.flaggate.agent.config.watch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What one read of the watched file found. */
sealed interface Observation {

  /**
   * The file's bytes and their SHA-256, which tells a new content from a rewrite of the same one.
   */
  record Content(byte[] bytes, String sha256) implements Observation {

    static Content of(byte[] bytes) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return new Content(bytes, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK must provide SHA-256", e);
      }
    }
  }

  /** No file at the path (deleted, not created yet, or a dangling symlink). */
  record Missing() implements Observation {}

  /** Something is at the path but it cannot be used; {@code problem} says why. */
  record Unreadable(String problem) implements Observation {}
}
