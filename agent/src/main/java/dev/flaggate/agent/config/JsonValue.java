package dev.flaggate.agent.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value of the config file, immutable, with just the distinctions {@link FlagEntryReader}'s
 * strict typing needs. Our own small model instead of jackson-databind's {@code JsonNode}: databind
 * loaded about 300 classes at start-up to read a file of a few flags.
 *
 * <p>{@link #json()} renders the value as compact JSON text, the form a {@link ConfigProblem} shows
 * (a string keeps its quotes, so {@code "50"} and {@code 50} stay apart in a report).
 */
sealed interface JsonValue {

  /** Compact JSON text, e.g. {@code {"a":[1,"x"]}}. */
  default String json() {
    StringBuilder text = new StringBuilder();
    appendJson(text);
    return text.toString();
  }

  void appendJson(StringBuilder text);

  /**
   * An object; its fields in file order, so that problems are reported in the order an operator
   * reads the file.
   */
  record ObjectValue(Map<String, JsonValue> fields) implements JsonValue {

    public ObjectValue {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of {@code name}, or {@code null} when the field is absent. */
    JsonValue get(String name) {
      return fields.get(name);
    }

    @Override
    public void appendJson(StringBuilder text) {
      text.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
        if (!first) {
          text.append(',');
        }
        first = false;
        StringValue.appendQuoted(field.getKey(), text);
        text.append(':');
        field.getValue().appendJson(text);
      }
      text.append('}');
    }
  }

  /** An array. */
  record ArrayValue(List<JsonValue> items) implements JsonValue {

    public ArrayValue {
      items = List.copyOf(items);
    }

    @Override
    public void appendJson(StringBuilder text) {
      text.append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        items.get(i).appendJson(text);
      }
      text.append(']');
    }
  }

  /** A string, unescaped. */
  record StringValue(String value) implements JsonValue {

    @Override
    public void appendJson(StringBuilder text) {
      appendQuoted(value, text);
    }

    // jackson-core's own escaping, so a value shows as any JSON writer would write it
    static void appendQuoted(String value, StringBuilder text) {
      text.append('"');
      JsonStringEncoder.getInstance().quoteAsString(value, text);
      text.append('"');
    }
  }

  /**
   * A number: an {@link Integer}, {@link Long} or {@link java.math.BigInteger} when written without
   * a fraction or exponent (the smallest that holds it), otherwise a {@link BigDecimal}, which keeps
   * the digits as written ({@code 12.50} stays {@code 12.50}; {@code 1e1} shows as {@code 1E+1}).
   */
  record NumberValue(Number value) implements JsonValue {

    /** Whether the number is an integer that fits an {@code int}. */
    boolean isInt() {
      return value instanceof Integer;
    }

    @Override
    public void appendJson(StringBuilder text) {
      text.append(value);
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanValue(boolean value) implements JsonValue {

    @Override
    public void appendJson(StringBuilder text) {
      text.append(value);
    }
  }

  /** {@code null}, which is not the same as an absent field (see {@link FlagEntryReader}). */
  record NullValue() implements JsonValue {

    @Override
    public void appendJson(StringBuilder text) {
      text.append("null");
    }
  }
}
