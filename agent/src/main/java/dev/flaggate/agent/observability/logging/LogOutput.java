package dev.flaggate.agent.observability.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * lines go to stderr instead.
 */
public final class LogOutput {

  // the agent's own debug chatter, and that of the libraries it bundles, stays out of the log
  private static final Level THRESHOLD = Level.INFO;
  private static final Object LOCK = new Object();

  private static final LineWriter WRITER = new LineWriter();

  private static volatile Sink sink = new Sink("stdout", System.out, false);

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
          case "stdout" -> new Sink("stdout", System.out, false);
          case "stderr" -> new Sink("stderr", System.err, false);
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

  private static Sink openFile(String path) {
    try {
      return new Sink(path, new FileOutputStream(path, true), true);
    } catch (IOException | SecurityException e) {
      return fallback(path, e);
    }
  }

  private static Sink fallback(String destination, Exception problem) {
    warnOnStderr(
        "log destination not writable, logging to stderr: " + destination,
        LogOutput.class.getName(),
        "log_output_fallback",
        problem);
    return new Sink("stderr", System.err, false);
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

  /** A destination: the stream written to, and whether it is ours to close (files, not stdout). */
  private record Sink(String name, OutputStream out, boolean owned) {}
}
