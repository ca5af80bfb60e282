package dev.flaggate.agent.observability.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Renders one log record as one line: a JSON object written by Jackson, as UTF-8 bytes ending in
 * {@code '\n'}.
 *
 * <p>Fields: {@code timestamp} (ISO-8601 UTC, milliseconds), {@code level}, {@code logger}, {@code
 * message}, then each key-value pair as a top-level field (a key that repeats an earlier one gets a
 * {@code _2}, {@code _3} suffix rather than a duplicate key that parsers read differently), then
 * {@code error} for a throwable. Values keep their JSON type (booleans, numbers, null, maps as
 * objects, collections as arrays); anything else is written as its {@code toString()}. Every string
 * is capped at {@value #MAX_VALUE_CHARS} chars, so no value can make a line unbounded.
 */
final class JsonLine {

  static final int MAX_VALUE_CHARS = 32_768;
  private static final int MAX_KEY_CHARS = 256;
  private static final int MAX_DEPTH = 4;
  private static final int MAX_ITEMS = 256;
  private static final List<String> BASE_FIELDS =
      List.of("timestamp", "level", "logger", "message", "error");
  private static final JsonFactory JSON =
      new JsonFactoryBuilder().characterEscapes(new LineSafeEscapes()).build();

  private JsonLine() {}

  static byte[] render(
      Instant time,
      Level level,
      String logger,
      String message,
      List<KeyValuePair> fields,
      Throwable error)
      throws IOException {
    StringWriter text = new StringWriter(256);
    // a Writer, not a byte stream: Jackson's UTF-8 writer rejects lone surrogates, the escapes
    // carry them instead
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("timestamp", time.truncatedTo(ChronoUnit.MILLIS).toString());
      json.writeStringField("level", level.name());
      json.writeStringField("logger", logger);
      json.writeStringField("message", cap(message));
      Set<String> names = new HashSet<>(BASE_FIELDS);
      for (KeyValuePair pair : fields) {
        json.writeFieldName(uniqueName(Truncation.cap(String.valueOf(pair.key), MAX_KEY_CHARS), names));
        writeValue(json, pair.value, 0);
      }
      if (error != null) {
        json.writeFieldName("error");
        writeError(json, error);
      }
      json.writeEndObject();
    }
    text.write('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String uniqueName(String key, Set<String> names) {
    String name = key;
    for (int n = 2; !names.add(name); n++) {
      name = key + "_" + n;
    }
    return name;
  }

  private static void writeValue(JsonGenerator json, Object value, int depth) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof Number number) {
      writeNumber(json, number);
    } else if (value instanceof CharSequence text) {
      json.writeString(cap(text.toString()));
    } else if (depth < MAX_DEPTH && value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(Truncation.cap(String.valueOf(entry.getKey()), MAX_KEY_CHARS));
        writeValue(json, entry.getValue(), depth + 1);
      }
      json.writeEndObject();
    } else if (depth < MAX_DEPTH && value instanceof Iterable<?> items) {
      writeArray(json, items, depth);
    } else if (depth < MAX_DEPTH && value instanceof Object[] items) {
      writeArray(json, List.of(items), depth);
    } else {
      json.writeString(cap(safely(value::toString)));
    }
  }

  private static void writeNumber(JsonGenerator json, Number number) throws IOException {
    if (number instanceof Double || number instanceof Float) {
      json.writeNumber(number.doubleValue());
    } else if (number instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (number instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else {
      json.writeNumber(number.longValue());
    }
  }

  private static void writeArray(JsonGenerator json, Iterable<?> items, int depth)
      throws IOException {
    json.writeStartArray();
    int written = 0;
    for (Object item : items) {
      if (written++ == MAX_ITEMS) {
        json.writeString("…[more items left out]");
        break;
      }
      writeValue(json, item, depth + 1);
    }
    json.writeEndArray();
  }

  private static void writeError(JsonGenerator json, Throwable error) throws IOException {
    json.writeStartObject();
    String className = error instanceof WithheldMessages withheld ? withheld.className() : error.getClass().getName();
    json.writeStringField("class", className);
    json.writeStringField("message", cap(safely(error::getMessage)));
    json.writeStringField("stack_trace", cap(safely(() -> stackTrace(error))));
    json.writeEndObject();
  }

  private static String stackTrace(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  // the text comes from application objects: a throwing toString() must cost the field, not the line
  private static String safely(Supplier<String> text) {
    try {
      return text.get();
    } catch (RuntimeException e) {
      return "<unavailable: " + e.getClass().getName() + ">";
    }
  }

  private static String cap(String text) {
    return Truncation.cap(text, MAX_VALUE_CHARS);
  }
}
