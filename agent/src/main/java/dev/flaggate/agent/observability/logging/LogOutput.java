package dev.flaggate.agent.observability.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Where the agent's log lines go: the {@code log=stdout|stderr|off|PATH} agent option (contract
 * section 7), stdout until {@link #configure} says otherwise.
 *
 * <p>Loggers hand their calls to a {@link LineWriter}, which renders and writes them on its own
 * thread; {@link #flush} writes what is pending on the caller's (the agent's exit hook does, so the
 * last lines of a run are not lost). Lines are written whole, one {@code write} per line under one lock, so lines from many threads
 * never interleave; a file is opened for append and written unbuffered, so every line is on disk as
 * soon as it is logged and appends from several processes stay whole lines. Standard streams are
 * captured when configured (at agent start, before the application runs), so an application that
 * later redirects {@code System.out} into its own logging never receives the agent's lines. Nothing
 * here throws into the caller: a path that cannot be written is reported on stderr once and the
 * lines go to stderr instead. A log file that is deleted or moved away (logrotate without
 * {@code copytruncate}, an operator's {@code rm}) is noticed within a second and opened anew at its
 * path, so the lines that follow are not written into a file nobody can see.
 */
public final class LogOutput {

  // the agent's own debug chatter, and that of the libraries it bundles, stays out of the log
  private static final Level THRESHOLD = Level.INFO;
  private static final Object LOCK = new Object();

  private static final LineWriter WRITER = new LineWriter();

  private static volatile Sink sink = new Sink("stdout", System.out, false, null, null);
  /** How often a log file's path is looked at for a file deleted or moved away. */
  private static final long FILE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** When a file sink's path was last looked at. Guarded by LOCK. */
  private static long fileCheckedAt = System.nanoTime();

  private LogOutput() {}

  /**
   * Chooses the destination from the value of the {@code log} agent option: {@code stdout} (also
   * for {@code null} or blank), {@code stderr}, {@code off}, or a file path to append to. Closes a
   * file chosen before.
   */
  public static void configure(String option) {
    WRITER.drain(); // lines logged before go where they were meant to go
    String choice = option == null || option.isBlank() ? "stdout" : option.trim();
    Sink next =
        switch (choice.toLowerCase(Locale.ROOT)) {
          case "stdout" -> new Sink("stdout", System.out, false, null, null);
          case "stderr" -> new Sink("stderr", System.err, false, null, null);
          case "off" -> null;
          default -> openFile(choice);
        };
    Sink previous;
    synchronized (LOCK) {
      previous = sink;
      sink = next;
    }
    close(previous);
  }

  static boolean accepts(Level level) {
    return sink != null && level.toInt() >= THRESHOLD.toInt();
  }

  /**
   * Has the writer ask {@code lines} for the lines waiting there at the start of each round (every
   * ~10 ms) and of every {@link #flush}. Held weakly.
   */
  public static void register(WaitingLines lines) {
    WRITER.register(lines);
    if (sink != null) {
      WRITER.ensureStarted(); // lines may wait before anything else is logged
    }
  }

  /** Queues one log call; it is rendered and written on the writer thread. */
  static void submit(PendingLine line) {
    WRITER.submit(line);
  }

  /** Writes every line logged so far, now, on this thread: at exit, and where a test reads the log. */
  public static void flush() {
    WRITER.drain();
  }

  static void reportDropped(long lines) {
    warnOnStderr(lines + " log lines were dropped: the log destination did not keep up",
        LogOutput.class.getName(), "log_lines_dropped", null);
  }

  static void write(byte[] line) {
    synchronized (LOCK) {
      Sink current = sink;
      if (current == null) {
        return;
      }
      if (current.path() != null && System.nanoTime() - fileCheckedAt >= FILE_CHECK_NANOS) {
        current = followFile(current);
      }
      try {
        current.out.write(line);
        current.out.flush();
      } catch (IOException e) {
        // a full disk or a removed mount: keep logging somewhere rather than lose every line
        sink = fallback(current.name, e);
        close(current);
        System.err.write(line, 0, line.length);
      }
    }
  }

  /** Reports a line that could not be rendered; the caller goes on. */
  static void reportFailure(String logger, Exception problem) {
    warnOnStderr("a log line could not be written", logger, "log_line_failed", problem);
  }

  /**
   * {@code current}, a file sink, or a sink opened anew at its path when the file there is gone or
   * is another file (rotated). Under LOCK; never throws.
   */
  private static Sink followFile(Sink current) {
    fileCheckedAt = System.nanoTime();
    Object key = fileKey(current.path());
    if (key != null && key.equals(current.fileKey())) {
      return current; // still the file we opened (or one whose identity this file system cannot tell)
    }
    Sink reopened = openFile(current.name());
    sink = reopened;
    close(current);
    return reopened;
  }

  /** Forces the next line to look at the log file's path (tests). */
  static void checkFileOnNextLine() {
    synchronized (LOCK) {
      fileCheckedAt = System.nanoTime() - FILE_CHECK_NANOS;
    }
  }

  private static Sink openFile(String path) {
    try {
      Path file = Path.of(path); // first: a path it cannot map must not leave a stream open
      FileOutputStream out = new FileOutputStream(path, true);
      Object key = fileKey(file);
      return new Sink(path, out, true, file, key == null ? NO_KEY : key);
    } catch (IOException | RuntimeException e) {
      return fallback(path, e);
    }
  }

  /** A file whose identity its file system does not give: only its deletion is noticed. */
  private static final Object NO_KEY = new Object();

  /** The identity of the file at {@code path} (device and inode on Unix), or null when there is none. */
  private static Object fileKey(Path path) {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key == null ? NO_KEY : key;
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }

  private static Sink fallback(String destination, Exception problem) {
    warnOnStderr(
        "log destination not writable, logging to stderr: " + destination,
        LogOutput.class.getName(),
        "log_output_fallback",
        problem);
    return new Sink("stderr", System.err, false, null, null);
  }

  // rendered directly, not through a logger: the logger's own destination is what failed
  private static void warnOnStderr(String message, String logger, String event, Exception problem) {
    try {
      System.err.write(
          JsonLine.render(
              Instant.now(),
              Level.WARN,
              logger,
              message,
              List.of(new KeyValuePair("event", event)),
              problem));
    } catch (IOException | RuntimeException ignored) {
      // stderr itself is gone: nothing is left to tell
    }
  }

  private static void close(Sink sink) {
    if (sink != null && sink.owned) {
      try {
        sink.out.close();
      } catch (IOException ignored) {
        // closing a file we stopped writing to: nothing is lost
      }
    }
  }

  /**
   * A destination: the stream written to, whether it is ours to close (files, not stdout), and for a
   * file its path and the identity of the file opened there.
   */
  private record Sink(String name, OutputStream out, boolean owned, Path path, Object fileKey) {}
}
