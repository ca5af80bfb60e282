package dev.flaggate.agent.config.watch;

/** What one read of the watched file found. */
sealed interface Observation {

  /** The file's bytes. */
  record Content(byte[] bytes) implements Observation {}

  /** No file at the path (deleted, not created yet, or a dangling symlink). */
  record Missing() implements Observation {}

  /** Something is at the path but it cannot be used; {@code problem} says why. */
  record Unreadable(String problem) implements Observation {}
}
