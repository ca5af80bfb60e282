package dev.flaggate.agent.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns jackson-core's token stream into one {@link JsonValue}. Jackson does the tokenizing and
 * every syntax check (including duplicate keys, when its factory asks for them); this class only
 * builds the tree.
 *
 * <p>Recursive: the parser refuses nesting deeper than its {@code StreamReadConstraints} allow
 * (1000 levels by default) before this could run out of stack.
 */
final class JsonValueReader {

  private static final JsonValue.NullValue NULL = new JsonValue.NullValue();
  private static final JsonValue.BooleanValue TRUE = new JsonValue.BooleanValue(true);
  private static final JsonValue.BooleanValue FALSE = new JsonValue.BooleanValue(false);

  private JsonValueReader() {}

  /**
   * Reads the value that starts at the parser's current token, leaving the parser on its last
   * token (the closing bracket of an object or array).
   */
  static JsonValue read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new JsonParseException(parser, "expected a JSON value, found the end of the content");
    }
    switch (token) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        return readArray(parser);
      case VALUE_STRING:
        return new JsonValue.StringValue(parser.getText());
      case VALUE_NUMBER_INT:
        // Integer, Long or BigInteger, whichever is the smallest to hold it
        return new JsonValue.NumberValue(parser.getNumberValue());
      case VALUE_NUMBER_FLOAT:
        // BigDecimal rather than double: a wrong value is reported with the digits as written
        return new JsonValue.NumberValue(parser.getDecimalValue());
      case VALUE_TRUE:
        return TRUE;
      case VALUE_FALSE:
        return FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        // the parser yields a closing bracket or a field name only where a value cannot start
        throw new JsonParseException(parser, "expected a JSON value, found " + token);
    }
  }

  private static JsonValue readObject(JsonParser parser) throws IOException {
    Map<String, JsonValue> fields = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      fields.put(name, read(parser));
    }
    return new JsonValue.ObjectValue(fields);
  }

  private static JsonValue readArray(JsonParser parser) throws IOException {
    List<JsonValue> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(read(parser));
    }
    return new JsonValue.ArrayValue(items);
  }
}
