package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flaggate.testapp.hostile.HostileIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, done-when: shopper ids with quotes, backslashes, line breaks of every kind, controls,
 * emoji, JSON of their own and 10 KB of all of it pass through gated calls (flag on, a dual-run
 * divergence, a secondary error); every line the agent writes stays one JSON object and gives each
 * id back intact.
 */
class HostileShopperIdsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @DisplayName("contract 8: every agent line is one JSON object and carries each hostile shopper id intact in shopper_id")
  void hostileIds_everyLineIsJson_idsIntact() throws Exception {
    ObjectNode flags = JSON.createObjectNode();
    ObjectNode on = flags.putObject("HOSTILE_ON").put("enabled", true);
    HostileIds.ALL.forEach(on.putArray("allowlist")::add);
    flags.putObject("HOSTILE_DUAL").put("enabled", true).put("dual_run", true);
    flags.putObject("HOSTILE_ERROR").put("enabled", true).put("shadow_mode", true);
    Path config = dir.resolve("flags.json");
    JSON.writeValue(config.toFile(), JSON.createObjectNode().set("flags", flags));

    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",check-logs-per-second=1000")
        .run("dev.flaggate.testapp.hostile.HostileIdsApp");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(HostileIds.ALL.size(), result.stderr().lines().filter("ANSWERS new 2 legacy-avatar"::equals).count(),
        "flag on: new; dual-run: new answers; shadow: legacy answers, the secondary's error never reaches the caller\n"
            + result.stderr());

    String stdout = result.stdout();
    assertTrue(stdout.endsWith("\n"), "whole lines only");
    for (char breaking : new char[] {'\r', '\u2028', '\u2029', '\u0085', '\u0000'}) {
      assertFalse(stdout.indexOf(breaking) >= 0, "raw U+" + Integer.toHexString(breaking) + " in the agent's output");
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout.substring(0, stdout.length() - 1).split("\n", -1)) {
      JsonNode parsed = JSON.readTree(line); // strict: an unescaped control or a second value fails
      assertTrue(parsed.isObject(), "one JSON object per line: " + line);
      lines.add(parsed);
    }
    for (String id : HostileIds.ALL) {
      String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
      assertEquals(1, count(lines, "feature_flag_check", "HOSTILE_ON", id, "allowlist"),
          "a check line with the id, matched exactly against the allowlist: " + shown);
      assertEquals(1, count(lines, "feature_flag_check", "HOSTILE_DUAL", id, "enabled"), shown);
      assertEquals(1, count(lines, "dual_run_divergence", "HOSTILE_DUAL", id, null), "divergence line: " + shown);
      assertEquals(1, count(lines, "secondary_error", "HOSTILE_ERROR", id, null), "secondary error line: " + shown);
    }
  }

  private static long count(List<JsonNode> lines, String event, String flag, String shopperId, String reason) {
    return lines.stream()
        .filter(line -> event.equals(line.path("event").asText()) && flag.equals(line.path("flag_name").asText()))
        .filter(line -> line.path("shopper_id").isTextual() && shopperId.equals(line.path("shopper_id").textValue()))
        .filter(line -> reason == null || reason.equals(line.path("reason").asText()))
        .count();
  }
}
