package dev.flaggate.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the config file of contract section 4 from its bytes.
 *
 * <p>Two outcomes, because the contract treats them differently. <em>Unreadable</em> content (not
 * UTF-8, not JSON, trailing tokens after the document, a duplicate key, or no {@code "flags"}
 * object at the top) changes nothing: the engine keeps its last-known-good config, since a
 * half-written file must never widen or narrow exposure. <em>Readable</em> content applies flag by
 * flag, each entry validated on its own by {@link FlagEntryReader}.
 *
 * <p>A duplicate key makes the whole content unreadable rather than one flag invalid: Jackson
 * detects it while parsing, before any tree exists, and two values for one key are the mark of a
 * bad merge or an interrupted edit, which is exactly the case where keeping the last-known-good
 * config (and reporting the line) is the safe answer.
 */
public final class ConfigFileParser {

  private ConfigFileParser() {}

  /** The outcome of reading one version of the file. */
  public sealed interface Result permits Readable, Unreadable {}

  /**
   * Content that applies.
   *
   * @param config the entries and warnings
   */
  public record Readable(ParsedConfig config) implements Result {}

  /**
   * Content that changes nothing.
   *
   * @param message why, with line and column where the parser gives them
   */
  public record Unreadable(String message) implements Result {}

  /** Reads {@code content}, the whole file as it was on disk. */
  public static Result parse(byte[] content) {
    CharBuffer text;
    try {
      text = decodeUtf8(content);
    } catch (IllegalArgumentException notUtf8) {
      return new Unreadable(notUtf8.getMessage());
    }
    JsonValue root;
    // jackson-core's streaming parser only (databind's ObjectMapper cost ~300 classes at start-up),
    // made without its JsonFactory (see CharArrayJsonParsers)
    try (JsonParser parser =
        CharArrayJsonParsers.over(text.array(), text.arrayOffset() + text.position(), text.remaining())) {
      if (parser.nextToken() == null) {
        return new Unreadable("the config file is empty");
      }
      root = JsonValueReader.read(parser);
      // the whole content is one document: anything after it (a second object, the rest of a
      // concatenated edit) is a sign of a bad write, not something to ignore
      if (parser.nextToken() != null) {
        return new Unreadable(describe(parser.currentTokenLocation(),
            "Trailing token (of type " + parser.currentToken()
                + ") found after the JSON document; the file must hold exactly one JSON object"));
      }
    } catch (JsonProcessingException e) {
      return new Unreadable(describe(e.getLocation(), e.getOriginalMessage()));
    } catch (IOException e) {
      return new Unreadable("cannot read the config: " + e.getMessage());
    }
    if (!(root instanceof JsonValue.ObjectValue top)
        || !(top.get("flags") instanceof JsonValue.ObjectValue flags)) {
      return new Unreadable(
          "the config must be a JSON object with a \"flags\" object, e.g. {\"flags\": {}}");
    }
    return new Readable(readFlags(top, flags));
  }

  private static ParsedConfig readFlags(JsonValue.ObjectValue top, JsonValue.ObjectValue flags) {
    List<ConfigProblem> warnings = new ArrayList<>();
    for (String field : top.fields().keySet()) {
      if (!field.equals("flags")) {
        warnings.add(ConfigProblem.warning(null, field, null, "unknown top-level field, ignored"));
      }
    }
    Map<String, FlagEntry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> flag : flags.fields().entrySet()) {
      entries.put(flag.getKey(), FlagEntryReader.read(flag.getKey(), flag.getValue()));
    }
    return new ParsedConfig(entries, warnings);
  }

  /** The decoded text, without a byte order mark; backed by an array the parser reads in place. */
  private static CharBuffer decodeUtf8(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new IllegalArgumentException(
          "the config is not UTF-8: invalid byte sequence at byte offset " + in.position());
    }
    decoder.flush(out);
    out.flip();
    // a UTF-8 byte order mark is still UTF-8; some editors write one
    if (out.hasRemaining() && out.get(out.position()) == '\uFEFF') {
      out.position(out.position() + 1);
    }
    return out;
  }

  private static String describe(JsonLocation where, String message) {
    if (where == null || where.getLineNr() < 0) {
      return "invalid JSON: " + message;
    }
    return "invalid JSON at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": "
        + message;
  }
}
