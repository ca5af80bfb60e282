package dev.flaggate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.config.watch.WatchOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section 7: agent options, where a bad one is reported and the default kept. */
class AgentOptionsTest {

  @Test
  @DisplayName("contract 7: config= with no file is reported, and the property or environment variable still counts")
  void emptyConfig_reportedAndFallsBack() {
    AgentOptions none = AgentOptions.parse("config=", Map.of(), Map.of());
    assertNull(none.configPath());
    assertEquals(1, none.problems().size(), none.problems().toString());
    assertTrue(none.problems().get(0).contains("config= names no file"), none.problems().toString());

    AgentOptions fromEnvironment = AgentOptions.parse("config=", Map.of(), Map.of("FLAGGATE_CONFIG", "/etc/flags.json"));
    assertEquals(Path.of("/etc/flags.json"), fromEnvironment.configPath());
  }

  @Test
  @DisplayName("contract 7: max-config-bytes beyond what the watcher can read is reported and the default kept")
  void maxConfigBytes_boundedByWhatCanBeRead() {
    AgentOptions tooLarge = AgentOptions.parse("max-config-bytes=" + Integer.MAX_VALUE, Map.of(), Map.of());
    assertEquals(64L * 1024 * 1024, tooLarge.maxConfigBytes());
    assertTrue(tooLarge.problems().get(0).contains("max-config-bytes"), tooLarge.problems().toString());

    AgentOptions largest = AgentOptions.parse("max-config-bytes=" + WatchOptions.MAX_READABLE_SIZE, Map.of(), Map.of());
    assertEquals(WatchOptions.MAX_READABLE_SIZE, largest.maxConfigBytes());
    assertTrue(largest.problems().isEmpty(), largest.problems().toString());
  }
}
