package dev.flaggate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  @DisplayName("contract 2: without the agent the tour and the watch mode refuse to start, exit 2")
  void withoutAgent_refuses(@TempDir Path dir) {
    String flags = dir.resolve("flags.json").toString();
    String events = dir.resolve("events.log").toString();
    assertEquals(2, Main.run(new String[] {"--run-tour", "--flag-file", flags, "--event-log", events}));
    assertEquals(2, Main.run(new String[] {"--run-watch", "--flag-file", flags, "--event-log", events}));
  }

  @Test
  @DisplayName("contract 1: the agent's classes are never on the demo's class path, only behind -javaagent")
  void agentNotOnClassPath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.flaggate.agent.FlaggateAgent"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.flaggate.bootstrap.FlagGateBridge"));
  }

  @Test
  void badUsage_exit64() {
    assertEquals(64, Main.run(new String[] {"stray"}));
  }
}
