package dev.flaggate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract section 4 when a content cannot be taken in at all, not for what it says but because
 * parsing or applying it fails (a heap too small for a large file: the review found a 28 MB file under
 * {@code -Xmx128m}). The environment turns F on for everyone; a file that fails must not leave it so.
 */
class ConfigReloaderTest {

  private static final byte[] F_FOR_S1 =
      "{\"flags\": {\"F\": {\"enabled\": true, \"allowlist\": [\"s1\"]}}}".getBytes(StandardCharsets.UTF_8);

  private final RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of("F", "true")));
  private final List<String> rejected = new ArrayList<>();
  private final List<String> applied = new ArrayList<>();
  private boolean failing;

  private final ConfigReloader reloader = new ConfigReloader(Path.of("flags.json"), engine, new ConfigReloader.Reporter() {
    @Override
    public void applied(Path file, List<String> changes, List<String> problems) {
      applied.add(changes.toString());
    }

    @Override
    public void rejected(Path file, String problem) {
      rejected.add(problem);
    }

    @Override
    public void deleted(Path file) {}

    @Override
    public void watcherProblem(Path file, String problem) {}
  }, content -> {
    if (failing) {
      throw new OutOfMemoryError("Java heap space (simulated)");
    }
    return ConfigFileParser.parse(content);
  });

  @Test
  @DisplayName("contract 4: a first content that fails to parse or apply turns every flag off (invalid_config), the environment's included")
  void firstContentFails_everyFlagOff() {
    failing = true;

    reloader.onContent(F_FOR_S1);

    int code = engine.decide("F", "anyone");
    assertFalse(DecisionCode.enabled(code), "the environment's F=true must not stand");
    assertEquals(Reason.INVALID_CONFIG, DecisionCode.reason(code));
    assertEquals(1, rejected.size(), rejected.toString());
    assertTrue(rejected.get(0).contains("OutOfMemoryError"), rejected.toString());
    assertTrue(applied.isEmpty(), applied.toString());
  }

  @Test
  @DisplayName("contract 4: a later content that fails to parse or apply changes nothing: the last good one stays")
  void laterContentFails_lastGoodStays() {
    reloader.onContent(F_FOR_S1);
    failing = true;

    reloader.onContent("{\"flags\": {\"F\": {\"enabled\": true}}}".getBytes(StandardCharsets.UTF_8));

    assertTrue(DecisionCode.enabled(engine.decide("F", "s1")));
    int other = engine.decide("F", "s2");
    assertFalse(DecisionCode.enabled(other));
    assertEquals(Reason.NOT_IN_ALLOWLIST, DecisionCode.reason(other));
    assertEquals(1, rejected.size(), rejected.toString());
    assertTrue(rejected.get(0).contains("last readable content stays"), rejected.toString());
  }
}
