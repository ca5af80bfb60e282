package dev.flaggate.agent.observability.logging;

import java.time.Instant;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger writing each call as one JSON line to {@link LogOutput}.
 *
 * <p>It is {@link LoggingEventAware} so that the fluent API's key-value pairs ({@code
 * atInfo().addKeyValue(...)}) arrive as pairs and become top-level JSON fields; without it SLF4J
 * would fold them into the message text. Logging never throws into the caller.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

  private static final long serialVersionUID = 1L;

  JsonLogger(String name) {
    this.name = name;
  }

  @Override
  public void log(LoggingEvent event) {
    if (!LogOutput.accepts(event.getLevel())) {
      return;
    }
    NormalizedParameters call = NormalizedParameters.normalize(event);
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    emit(
        event.getLevel(),
        call.getMessage(),
        call.getArguments(),
        pairs == null ? List.of() : pairs,
        call.getThrowable());
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    emit(level, pattern, arguments, List.of(), throwable);
  }

  private void emit(
      Level level, String pattern, Object[] arguments, List<KeyValuePair> pairs, Throwable error) {
    try {
      // rendered and written on the writer thread: the caller only records the call
      LogOutput.submit(new PendingLine(Instant.now(), level, name, pattern, arguments, pairs, error));
    } catch (RuntimeException e) {
      LogOutput.reportFailure(name, e);
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    // lines carry no caller location: finding it costs a stack walk per line
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return LogOutput.accepts(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LogOutput.accepts(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LogOutput.accepts(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LogOutput.accepts(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LogOutput.accepts(Level.ERROR);
  }
}
