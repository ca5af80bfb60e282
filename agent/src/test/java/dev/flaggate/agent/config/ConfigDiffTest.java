package dev.flaggate.agent.config;

import static dev.flaggate.agent.config.ConfigFileParserTest.readable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract 4, reload: what changed between two readable versions, for the log. */
class ConfigDiffTest {

  @Test
  @DisplayName("contract 4 reload: the first content lists every flag as added")
  void firstContent() {
    ParsedConfig after = readable("{\"flags\": {\"B\": {\"enabled\": true}, \"A\": {\"percent_rollout\": 5}}}");
    assertEquals(
        List.of("A: added {percent_rollout=5}", "B: added {enabled=true}"),
        ConfigDiff.between(null, after));
  }

  @Test
  @DisplayName("contract 4 reload: added, removed and changed fields, old -> new")
  void changes() {
    ParsedConfig before = readable("""
        {"flags": {
          "KEEP": {"enabled": true, "allowlist": ["a"], "percent_rollout": 5},
          "GONE": {"enabled": true}
        }}""");
    ParsedConfig after = readable("""
        {"flags": {
          "KEEP": {"enabled": true, "allowlist": ["a", "b"], "percent_rollout": 10, "shadow_mode": false},
          "NEW": {"enabled": false}
        }}""");
    assertEquals(
        List.of(
            "GONE: removed (falls through to the environment)",
            "KEEP: shadow_mode (not set) -> false",
            "KEEP: allowlist [a] -> [a, b]",
            "KEEP: percent_rollout 5 -> 10",
            "NEW: added {enabled=false}"),
        ConfigDiff.between(before, after));
  }

  @Test
  @DisplayName("contract 4 reload: a flag turning invalid, and valid again, is a change")
  void validity() {
    ParsedConfig good = readable("{\"flags\": {\"F\": {\"enabled\": true, \"percent_rollout\": 5}}}");
    ParsedConfig bad = readable("{\"flags\": {\"F\": {\"enabled\": true, \"percent_rollout\": \"10\"}}}");
    List<String> broke = ConfigDiff.between(good, bad);
    assertEquals("F: percent_rollout 5 -> (not set)", broke.get(0));
    assertTrue(broke.get(1).startsWith("F: invalid (off): [error: flag F, field percent_rollout, value \"10\""), broke::toString);
    assertEquals(List.of("F: percent_rollout (not set) -> 5", "F: valid again"), ConfigDiff.between(bad, good));
  }

  @Test
  @DisplayName("contract 4 reload: identical content changes nothing")
  void noChange() {
    ParsedConfig config = readable("{\"flags\": {\"F\": {\"enabled\": true}}}");
    assertEquals(List.of(), ConfigDiff.between(config, readable("{\"flags\": {\"F\": {\"enabled\": true}}}")));
  }
}
