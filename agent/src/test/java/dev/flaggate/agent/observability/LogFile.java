package dev.flaggate.agent.observability;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flaggate.agent.observability.logging.LogOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The agent's log sent to a file (option {@code log=PATH}), read back as parsed JSON lines. */
final class LogFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  LogFile(Path dir) {
    this.file = dir.resolve("agent.log");
    LogOutput.configure(file.toString());
  }

  /** Every line, each of which must parse as one JSON object. */
  List<JsonNode> lines() throws IOException {
    LogOutput.flush(); // lines are written on the agent's writer thread; write what is queued now
    List<JsonNode> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        fail("not one JSON object: " + line);
      }
      lines.add(node);
    }
    return lines;
  }

  /** The lines whose {@code event} is {@code event}. */
  List<JsonNode> events(String event) throws IOException {
    return lines().stream().filter(line -> event.equals(line.path("event").asText())).toList();
  }
}
