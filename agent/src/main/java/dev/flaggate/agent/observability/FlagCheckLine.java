package dev.flaggate.agent.observability;

import dev.flaggate.agent.rollout.DecisionCode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;

/**
 * The {@code feature_flag_check} line as an SLF4J event that holds only what the check knew: flag,
 * shopper, decision code, lines left out and the time. Made on the log writer's thread from a
 * check's record ({@link CheckLines}); its key-value pairs are built when the line is rendered.
 */
final class FlagCheckLine implements LoggingEvent {

  private final String logger;
  private final String flag;
  private final String shopperId;
  private final int decisionCode;
  private final long leftOut;
  private final long epochMillis;

  FlagCheckLine(String logger, String flag, String shopperId, int decisionCode, long leftOut, long epochMillis) {
    this.logger = logger;
    this.flag = flag;
    this.shopperId = shopperId;
    this.decisionCode = decisionCode;
    this.leftOut = leftOut;
    this.epochMillis = epochMillis;
  }

  @Override
  public Level getLevel() {
    return LineKind.CHECK.level;
  }

  @Override
  public String getLoggerName() {
    return logger;
  }

  @Override
  public String getMessage() {
    return LineKind.CHECK.token;
  }

  @Override
  public List<Object> getArguments() {
    return null;
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public List<Marker> getMarkers() {
    return null;
  }

  /** The fields of the seed's check line, in its order; {@code left_out} only when lines were left out. */
  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    List<KeyValuePair> pairs = new ArrayList<>(6);
    pairs.add(new KeyValuePair("event", LineKind.CHECK.event));
    pairs.add(new KeyValuePair("flag_name", flag));
    pairs.add(new KeyValuePair("enabled", DecisionCode.enabled(decisionCode)));
    pairs.add(new KeyValuePair("shopper_id", shopperId));
    pairs.add(new KeyValuePair("reason", DecisionCode.reason(decisionCode).word()));
    if (leftOut > 0) {
      pairs.add(new KeyValuePair("left_out", leftOut));
    }
    return pairs;
  }

  @Override
  public Throwable getThrowable() {
    return null;
  }

  @Override
  public long getTimeStamp() {
    return epochMillis;
  }

  @Override
  public String getThreadName() {
    return null;
  }
}
