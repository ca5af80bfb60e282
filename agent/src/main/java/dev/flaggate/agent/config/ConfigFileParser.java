package dev.flaggate.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // keeps a wrong number's digits for the report: 12.50 stays "12.50", not "12.5"
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

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
    String text;
    try {
      text = decodeUtf8(content);
    } catch (IllegalArgumentException notUtf8) {
      return new Unreadable(notUtf8.getMessage());
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return new Unreadable(describe(e));
    } catch (IOException e) {
      return new Unreadable("cannot read the config: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return new Unreadable("the config file is empty");
    }
    if (!root.isObject() || !root.path("flags").isObject()) {
      return new Unreadable(
          "the config must be a JSON object with a \"flags\" object, e.g. {\"flags\": {}}");
    }
    return new Readable(readFlags(root));
  }

  private static ParsedConfig readFlags(JsonNode root) {
    List<ConfigProblem> warnings = new ArrayList<>();
    root.properties().stream()
        .filter(field -> !field.getKey().equals("flags"))
        .forEach(
            field ->
                warnings.add(
                    ConfigProblem.warning(
                        null, field.getKey(), null, "unknown top-level field, ignored")));
    Map<String, FlagEntry> flags = new LinkedHashMap<>();
    root.get("flags")
        .properties()
        .forEach(
            flag -> flags.put(flag.getKey(), FlagEntryReader.read(flag.getKey(), flag.getValue())));
    return new ParsedConfig(flags, warnings);
  }

  private static String decodeUtf8(byte[] content) {
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
    String text = out.flip().toString();
    // a UTF-8 byte order mark is still UTF-8; some editors write one
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String message = e.getOriginalMessage();
    if (where == null || where.getLineNr() < 0) {
      return "invalid JSON: " + message;
    }
    return "invalid JSON at line " + where.getLineNr() + ", column " + where.getColumnNr() + ": "
        + message;
  }
}
