package dev.flaggate.agent.observability.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
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
    try {
      // normalised and rendered on the writer thread: the caller only records the call
      LogOutput.submit(PendingLine.of(event, name));
    } catch (RuntimeException e) {
      LogOutput.reportFailure(name, e);
    }
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    try {
      LogOutput.submit(PendingLine.of(level, name, pattern, arguments, throwable));
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
