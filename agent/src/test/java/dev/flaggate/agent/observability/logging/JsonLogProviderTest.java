package dev.flaggate.agent.observability.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("contract 8: the agent's own SLF4J provider writes one JSON object per line")
class JsonLogProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void logToFile() {
    file = dir.resolve("agent.log");
    LogOutput.configure(file.toString());
  }

  @AfterEach
  void restoreStdout() {
    LogOutput.configure("stdout");
  }

  @Test
  @DisplayName("contract 8: SLF4J binds to the agent's provider, not to any other binding")
  void slf4jBindsToOurProvider() {
    assertInstanceOf(JsonLoggerFactory.class, LoggerFactory.getILoggerFactory());
    assertInstanceOf(JsonLogger.class, LoggerFactory.getLogger("x"));
  }

  @Test
  @DisplayName("contract 8: key-value pairs become top-level fields with their JSON types")
  void keyValuePairsAreTopLevelFields() throws IOException {
    LoggerFactory.getLogger("dev.flaggate.test")
        .atInfo()
        .setMessage("FEATURE_FLAG")
        .addKeyValue("event", "feature_flag_check")
        .addKeyValue("enabled", true)
        .addKeyValue("count", 42L)
        .addKeyValue("ms", 1.5)
        .addKeyValue("shopper_id", (Object) null)
        .addKeyValue("changes", List.of("a", "b"))
        .addKeyValue("flags", Map.of("F", Map.of("checks_on", 3L)))
        .log();

    JsonNode line = onlyLine();
    assertEquals("INFO", line.get("level").asText());
    assertEquals("dev.flaggate.test", line.get("logger").asText());
    assertEquals("FEATURE_FLAG", line.get("message").asText());
    assertEquals("feature_flag_check", line.get("event").asText());
    assertTrue(line.get("enabled").isBoolean());
    assertEquals(42, line.get("count").asLong());
    assertEquals(1.5, line.get("ms").asDouble());
    assertTrue(line.get("shopper_id").isNull());
    assertEquals("b", line.get("changes").get(1).asText());
    assertEquals(3, line.get("flags").get("F").get("checks_on").asLong());
    assertTrue(line.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"));
  }

  @Test
  @DisplayName("contract 8: an exception is one error field with class, message and stack trace")
  void exceptionIsOneErrorField() throws IOException {
    LoggerFactory.getLogger("t").warn("failed {}", "here", new IllegalStateException("boom\n\"x\""));

    JsonNode line = onlyLine();
    assertEquals("failed here", line.get("message").asText());
    JsonNode error = line.get("error");
    assertEquals(IllegalStateException.class.getName(), error.get("class").asText());
    assertEquals("boom\n\"x\"", error.get("message").asText());
    assertTrue(error.get("stack_trace").asText().contains("exceptionIsOneErrorField"));
  }

  @Test
  @DisplayName("contract 8: a pair named like a base field never makes a duplicate key")
  void collidingKeysGetASuffix() throws IOException {
    LoggerFactory.getLogger("t")
        .atInfo()
        .setMessage("m")
        .addKeyValue("message", "kv")
        .addKeyValue("message", "kv again")
        .log();

    JsonNode line = onlyLine();
    assertEquals("m", line.get("message").asText());
    assertEquals("kv", line.get("message_2").asText());
    assertEquals("kv again", line.get("message_3").asText());
  }

  @Test
  @DisplayName("contract 8: line breaks of any kind and terminal controls are escaped, not written")
  void lineBreaksAndControlsAreEscaped() throws IOException {
    String hostile = "a\nb\rc\u2028d\u2029e\u0085f\u009bg\u001bh\u007fi\ud800j😀";
    LoggerFactory.getLogger("t").atInfo().setMessage("m").addKeyValue("v", hostile).log();

    LogOutput.flush();
    String raw = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(raw.length() - 1, raw.indexOf('\n'), "one line, ending in its only newline");
    String body = raw.substring(0, raw.length() - 1);
    for (char c : hostile.toCharArray()) {
      if (!Character.isLetter(c)) {
        assertFalse(body.indexOf(c) >= 0, "raw char U+" + Integer.toHexString(c));
      }
    }
    assertEquals(hostile, onlyLine().get("v").asText(), "even a lone surrogate comes back intact");
  }

  @Test
  @DisplayName("contract 8: debug lines are off, so the agent's chatter stays out of the log")
  void debugIsOff() throws IOException {
    Logger log = LoggerFactory.getLogger("t");
    assertFalse(log.isDebugEnabled());
    log.debug("not written");
    log.atDebug().setMessage("not written either").log();
    assertTrue(lines().isEmpty());
  }

  @Test
  @DisplayName("contract 8: a value whose toString throws costs that field, not the line")
  void throwingToStringCostsOnlyTheField() throws IOException {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    LoggerFactory.getLogger("t").atInfo().setMessage("m").addKeyValue("v", hostile).log();

    assertTrue(onlyLine().get("v").asText().startsWith("<unavailable"));
  }

  private JsonNode onlyLine() throws IOException {
    List<JsonNode> lines = lines();
    assertEquals(1, lines.size(), "lines: " + lines);
    return lines.get(0);
  }

  private List<JsonNode> lines() throws IOException {
    LogOutput.flush(); // lines are written on the agent's writer thread; write what is queued now
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      parsed.add(JSON.readTree(line));
    }
    return parsed;
  }
}
