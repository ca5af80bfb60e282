package dev.flaggate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser made without {@code JsonFactory} reads exactly what the factory's parser reads: the
 * same tokens and texts, and the same error, at the same line and column, for bad content.
 */
class CharArrayJsonParsersTest {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"flags\": {\"A\": {\"enabled\": true, \"allowlist\": [\"s1\", \"s2\"], \"percent_rollout\": 25}}}",
      "{\"flags\": {\"É_ß\": {\"salt\": \"\\u00e9\\ud83d\\ude00\", \"n\": -1.5e3, \"big\": 123456789012345678901234567890}}}",
      "{\"flags\": {\"A\": {}, \"A\": {}}}",
      "{\"flags\": {\"A\": {\"enabled\": true,}}}",
      "{\"flags\": {\"A\": {\"enabled\": tru}}}",
      "{\"flags\": {\"A\": \"unterminated}}",
      "{\"flags\": {}} {\"second\": 1}",
      "[1, 2, [3, [4, null]]]",
      "\n\n   {\"a\":\n  // comment\n 1}",
      "{'single': 1}",
      "",
      "   ",
  })
  void readsAsTheFactorysParser(String document) throws IOException {
    char[] text = ("xx" + document + "yy").toCharArray(); // an offset and a length, as the caller passes
    int length = document.length();
    assertEquals(read(FACTORY.createParser(text, 2, length)), read(CharArrayJsonParsers.over(text, 2, length)));
  }

  /** Every token with its text and location, then the error (message, line, column) if one ends the read. */
  private static List<String> read(JsonParser parser) throws IOException {
    List<String> seen = new ArrayList<>();
    try (parser) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        seen.add(token + " " + parser.getText() + " @" + parser.currentTokenLocation().getLineNr() + ":"
            + parser.currentTokenLocation().getColumnNr());
      }
    } catch (JsonProcessingException e) {
      seen.add("error " + e.getOriginalMessage() + " @" + e.getLocation().getLineNr() + ":"
          + e.getLocation().getColumnNr());
    }
    return seen;
  }
}
