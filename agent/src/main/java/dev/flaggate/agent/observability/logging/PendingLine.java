package dev.flaggate.agent.observability.logging;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;

/**
 * One log call as the caller made it, rendered to its JSON line later, on the writer thread.
 *
 * <p>The caller only records: its time, and either the fluent API's event as it stands or a
 * classic call's pattern and arguments. Normalising the event (finding a trailing throwable among
 * the arguments), formatting the message and writing JSON all happen on the writer thread. That
 * matters for lines that come with calls: a gated method called 500 times a second logs 10 of them
 * (2 %), and that rarely run code stays in the interpreter, where each step costs tens of
 * nanoseconds; every step moved off the caller shortens the caller's tail latency (the shadow
 * benchmark's p99 fell by about half).
 */
final class PendingLine {

  private final long epochMillis;
  private final Level level;
  private final String logger;
  /** The fluent API's event, or null for a classic call. */
  private final LoggingEvent event;
  private final String pattern;
  private final Object[] arguments;
  private final Throwable error;

  private PendingLine(long epochMillis, Level level, String logger, LoggingEvent event, String pattern,
      Object[] arguments, Throwable error) {
    this.epochMillis = epochMillis;
    this.level = level;
    this.logger = logger;
    this.event = event;
    this.pattern = pattern;
    this.arguments = arguments;
    this.error = error;
  }

  /** A fluent call: the event is kept as is (it must not change afterwards) and read on the writer thread. */
  static PendingLine of(LoggingEvent event, String logger) {
    long stamped = event.getTimeStamp();
    return new PendingLine(stamped != 0 ? stamped : System.currentTimeMillis(), event.getLevel(), logger, event,
        null, null, null);
  }

  /** A classic call, already normalised by SLF4J. */
  static PendingLine of(Level level, String logger, String pattern, Object[] arguments, Throwable error) {
    return new PendingLine(System.currentTimeMillis(), level, logger, null, pattern, arguments, error);
  }

  String logger() {
    return logger;
  }

  byte[] render() throws IOException {
    Instant time = Instant.ofEpochMilli(epochMillis);
    if (event == null) {
      return JsonLine.render(time, level, logger, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(),
          error);
    }
    NormalizedParameters call = NormalizedParameters.normalize(event);
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    return JsonLine.render(time, level, logger, MessageFormatter.basicArrayFormat(call.getMessage(), call.getArguments()),
        pairs == null ? List.of() : pairs, call.getThrowable());
  }
}
