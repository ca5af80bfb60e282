package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 6, the routing table, shown by forked JVMs running {@code -javaagent} over
 * {@code dev.flaggate.testapp.Checkout}, a class with gated methods of every shape: instance and
 * static, primitive, array, generic and void returns, checked exceptions, private legacy methods,
 * shopper ids from a String, an accessor, a UUID and a long.
 */
class RoutingTableIT {

  /** What each probe returns when legacy answers, and when the new body answers, for shopper_001. */
  private static final Map<String, String[]> ANSWERS = new LinkedHashMap<>();

  static {
    ANSWERS.put("quote", new String[] {"legacy:shopper_001:250", "new:shopper_001:250"});
    ANSWERS.put("total", new String[] {"13", "42"});
    ANSWERS.put("ratio", new String[] {"4.0", "16.0"});
    ANSWERS.put("eligible", new String[] {"false", "true"});
    ANSWERS.put("digits", new String[] {"[9]", "[1, 2, 3]"});
    ANSWERS.put("items", new String[] {"[old]", "[a, b]"});
    ANSWERS.put("audit", new String[] {"legacy-audit", "new-audit"});
    ANSWERS.put("load", new String[] {"loaded", "threw IOException: new store unreachable"});
    ANSWERS.put("fragile", new String[] {"threw IllegalStateException: legacy broke", "fine"});
    ANSWERS.put("order", new String[] {"legacy-order", "new-order"});
    ANSWERS.put("uuid", new String[] {"legacy-uuid", "new-uuid"});
    ANSWERS.put("number", new String[] {"legacy-number", "new-number"});
    ANSWERS.put("buffer", new String[] {"legacy-buffer", "new-buffer"});
    ANSWERS.put("cart", new String[] {"legacy-cart", "new-cart"});
    // its shopper is readable only on the caller's thread: the secondary still runs the new body
    ANSWERS.put("request", new String[] {"legacy-request", "new-request"});
  }

  @TempDir Path dir;

  @Test
  @DisplayName("contract 6: flag off -> legacy only, on the caller's thread; a void method without legacy is skipped")
  void flagOff_legacyOnly() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": false}", "off");
    for (String probe : ANSWERS.keySet()) {
      assertEquals(ANSWERS.get(probe)[0] + " | legacy@caller", result.probe(probe), probe + "\n" + result);
    }
    assertEquals("done | ", result.probe("notify"));
  }

  @Test
  @DisplayName("contract 6 row S=no D=no: flag on -> new only, nothing else runs")
  void flagOn_newOnly() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": true}", "on");
    for (String probe : ANSWERS.keySet()) {
      assertEquals(ANSWERS.get(probe)[1] + " | new@caller", result.probe(probe), probe + "\n" + result);
    }
    assertEquals("done | new@caller", result.probe("notify"));
    assertEquals("new-order | new@caller", result.probe("nullOrder"), "a null shopper holder is no shopper, row 8 decides");
  }

  @Test
  @DisplayName("contract 2: the shopper is read from a String, any CharSequence, a getShopperId() or an interface's default shopperId() accessor")
  void allowlist_readsTheShopperThroughEveryKindOfParameter() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": true, \"allowlist\": [\"shopper_001\"]}", "on");
    for (String probe : List.of("quote", "order", "buffer", "cart", "request")) {
      assertEquals(ANSWERS.get(probe)[1] + " | new@caller", result.probe(probe), probe + " reads shopper_001\n" + result);
    }
    // other shoppers, and no shopper at all, are not in the allowlist
    assertEquals("legacy-uuid | legacy@caller", result.probe("uuid"));
    assertEquals("legacy-number | legacy@caller", result.probe("number"));
    assertEquals("legacy-order | legacy@caller", result.probe("nullOrder"));
  }

  @Test
  @DisplayName("contract 6 row S=yes D=yes: legacy answers, new also runs on the secondary pool")
  void shadowAndDualRun_legacyAnswers_newRunsAsSecondary() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": true, \"shadow_mode\": true, \"dual_run\": true}", "both");
    assertBothRan(result, 0);
  }

  @Test
  @DisplayName("contract 6 row S=yes D=no: legacy answers, new also runs, secondary errors never reach the caller")
  void shadowOnly_legacyAnswers() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": true, \"shadow_mode\": true}", "both");
    assertBothRan(result, 0);
  }

  @Test
  @DisplayName("contract 6 row S=no D=yes: new answers, legacy also runs as secondary")
  void dualRunOnly_newAnswers_legacyRunsAsSecondary() throws Exception {
    ForkedJvm.Result result = run("{\"enabled\": true, \"dual_run\": true}", "both");
    assertBothRan(result, 1);
  }

  @Test
  @DisplayName("contract 2: without the agent every annotated method runs its new body and FlagGate says agent_absent")
  void withoutAgent_newBodyForEveryone() throws Exception {
    ForkedJvm.Result result = ForkedJvm.withoutAgent().run("dev.flaggate.testapp.RoutingApp", "shopper_001", "on");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("ATTACHED false"), result.toString());
    assertTrue(result.stdout().contains("DECISION Decision[enabled=false, reason=agent_absent]"), result.toString());
    assertEquals("new:shopper_001:250 | new@caller", result.probe("quote"));
  }

  @Test
  @DisplayName("contract 5: with no config file, the environment decides (CHECKOUT_V2=true)")
  void environmentFallback() throws Exception {
    ForkedJvm.Result result = ForkedJvm.withAgent("log=stderr").env("CHECKOUT_V2", "true")
        .run("dev.flaggate.testapp.RoutingApp", "shopper_001", "on");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("new:shopper_001:250 | new@caller", result.probe("quote"), result.toString());
    assertTrue(result.stdout().contains("DECISION Decision[enabled=true, reason=enabled]"), result.toString());
  }

  @Test
  @DisplayName("contract 5: a set but unparsable variable makes the flag invalid, never on, and a line names it")
  void badEnvironmentVariable_offAndTold() throws Exception {
    ForkedJvm.Result result = ForkedJvm.withAgent("log=stdout").env("CHECKOUT_V2", "maybe")
        .env("HAND_ONLY_V2", "true").env("HAND_ONLY_V2_PERCENT", "150")
        .run("dev.flaggate.testapp.RoutingApp", "shopper_001", "on");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("legacy:shopper_001:250 | legacy@caller", result.probe("quote"), result.toString());
    assertTrue(result.stdout().contains("DECISION Decision[enabled=false, reason=invalid_config]"), result.toString());
    assertTrue(result.stdout().contains("\"event\":\"config_problem\""), result.toString());
    assertTrue(result.stdout().contains("environment: error: flag CHECKOUT_V2"), result.toString());
    assertTrue(result.stdout().contains("maybe"), "the bad value is named\n" + result);
    // a flag only checked by hand, through the API, is told too, once
    assertTrue(result.stdout().contains("HAND_DECISION Decision[enabled=false, reason=invalid_config]"), result.toString());
    assertEquals(1, result.stdout().lines()
        .filter(line -> line.contains("environment: error: flag HAND_ONLY_V2") && line.contains("150")).count(),
        result.toString());
  }

  private void assertBothRan(ForkedJvm.Result result, int answeringSide) {
    String primary = answeringSide == 0 ? "legacy" : "new";
    String secondary = answeringSide == 0 ? "new" : "legacy";
    for (String probe : ANSWERS.keySet()) {
      String line = result.probe(probe);
      String[] parts = line.split(" \\| ", 2);
      assertEquals(ANSWERS.get(probe)[answeringSide], parts[0], probe + " answers from " + primary + "\n" + result);
      List<String> events = Arrays.asList(parts[1].split(","));
      assertEquals(2, events.size(), probe + ": exactly one primary and one secondary ran: " + line);
      assertTrue(events.contains(primary + "@caller"), probe + ": " + line);
      assertTrue(events.contains(secondary + "@secondary[pool]"), probe + ": " + line);
    }
  }

  private ForkedJvm.Result run(String checkoutFlag, String mode) throws Exception {
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {\"CHECKOUT_V2\": " + checkoutFlag + "}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stderr")
        .run("dev.flaggate.testapp.RoutingApp", "shopper_001", mode);
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("ATTACHED true"), result.toString());
    assertTrue(result.stdout().contains("END"), result.toString());
    return result;
  }
}
