package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as operators meet it, in forked JVMs: companion flags, methods it cannot route, flag
 * files that are missing, broken or edited while the application runs, and bad agent options. In
 * every case the application keeps running, on its legacy path where in doubt.
 */
class AgentBehaviourIT {

  @TempDir Path dir;

  @Test
  @DisplayName("contract 6: shadowFlag and dualRunFlag companions decide S and D for the same shopper, not the flag's own fields")
  void companionFlags_decideModesPerShopper() throws Exception {
    ForkedJvm.Result result = runCompanions("""
        {"flags": {
          "EVENTS": {"enabled": true, "allowlist": ["shopper_a", "shopper_b"], "shadow_mode": true},
          "EVENTS_SHADOW": {"enabled": true, "allowlist": ["shopper_a"]},
          "EVENTS_DUAL": {"enabled": true}
        }}""");
    assertEquals("legacy | legacy@caller,new@secondary[pool]", result.probe("shopper_a"), "S yes, D yes");
    assertEquals("new | new@caller,legacy@secondary[pool]", result.probe("shopper_b"),
        "S no (companion), D yes: the flag's own shadow_mode is not used when a companion is named");
    assertEquals("legacy | legacy@caller", result.probe("shopper_c"), "flag off");
  }

  @Test
  @DisplayName("contract 4 and 6: an invalid shadow companion never puts the new code in front of the caller: legacy answers, as with shadow on")
  void invalidShadowCompanion_legacyStillAnswers() throws Exception {
    ForkedJvm.Result result = runCompanions("""
        {"flags": {
          "EVENTS": {"enabled": true, "allowlist": ["shopper_a", "shopper_b"]},
          "EVENTS_SHADOW": {"enabled": "true", "allowlist": ["shopper_a"]},
          "EVENTS_DUAL": {"enabled": true, "allowlist": ["shopper_a"]}
        }}""");
    assertEquals("legacy | legacy@caller,new@secondary[pool]", result.probe("shopper_a"), "S read as yes, D yes\n" + result);
    assertEquals("legacy | legacy@caller,new@secondary[pool]", result.probe("shopper_b"), "S read as yes, D no\n" + result);
    assertEquals("legacy | legacy@caller", result.probe("shopper_c"), "flag off");
    assertTrue(result.stdout().contains("EVENTS_SHADOW"), "the bad entry is named\n" + result);
    assertFalse(result.stdout().contains("is configured nowhere"), result.toString());
  }

  @Test
  @DisplayName("contract 6: a shadow companion configured nowhere reads as off (default), and the operator is told what that means")
  void unconfiguredShadowCompanion_offAndTold() throws Exception {
    ForkedJvm.Result result = runCompanions("""
        {"flags": {
          "EVENTS": {"enabled": true, "allowlist": ["shopper_a", "shopper_b"]},
          "EVENTS_SHADOW_MODE": {"enabled": true},
          "EVENTS_DUAL": {"enabled": true, "allowlist": ["shopper_a"]}
        }}""");
    assertEquals("new | new@caller,legacy@secondary[pool]", result.probe("shopper_a"), "S no (default), D yes\n" + result);
    List<String> warnings = result.lines("is configured nowhere");
    assertEquals(1, warnings.size(), result.toString());
    assertTrue(warnings.get(0).contains("dev.flaggate.testapp.Companions.publish: its shadow companion flag EVENTS_SHADOW"),
        warnings.get(0));
    assertTrue(warnings.get(0).contains("the new code answers the shoppers EVENTS turns on"), warnings.get(0));
  }

  @Test
  @DisplayName("contract 6, rule above all: a gated method recursing in shadow mode starts one secondary per outer call, and recurses as deep as without the agent")
  void recursionInShadowMode_oneSecondary_noStackOverflow() throws Exception {
    Path config = write("{\"flags\": {\"RECURSIVE_V2\": {\"enabled\": true, \"allowlist\": [\"shopper_a\"], \"shadow_mode\": true}}}");
    // 1,200 levels in 1 MB of stack: fine with the agent in shadow mode (about 2,000 to 2,600 levels
    // fit, as the JIT compiles the frames; 2,000 here overflowed now and then), but not when every level
    // went through the complex route's frames (about 600)
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config).jvmOption("-Xss1m")
        .run("dev.flaggate.testapp.ScenarioApp", "recursion", "1200");
    assertEquals(0, result.exitCode(), result.toString());
    // the primary: legacy at every level, on the caller's thread; one secondary: new at the top,
    // and below it the nested calls route by the flag (shadow: legacy), starting nothing more
    assertEquals("3 | legacy@caller,legacy@caller,legacy@caller,legacy@caller,"
        + "new@secondary[pool],legacy@secondary[pool],legacy@secondary[pool],legacy@secondary[pool]",
        sortedProbe(result.probe("shallow")), result.toString());
    assertEquals("1200 | ", result.probe("deep"), result.toString());
  }

  /** ScenarioApp's {@code companions} scenario under {@code configJson}; it must exit 0. */
  private ForkedJvm.Result runCompanions(String configJson) throws Exception {
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + write(configJson)).run("dev.flaggate.testapp.ScenarioApp", "companions");
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  /** A probe's events in a fixed order (caller's first): the secondary's run concurrently with nothing else. */
  private static String sortedProbe(String probe) {
    String[] parts = probe.split(" \\| ", 2);
    java.util.List<String> events = new java.util.ArrayList<>(java.util.Arrays.asList(parts[1].split(",")));
    java.util.List<String> ordered = new java.util.ArrayList<>();
    for (String event : events) {
      if (event.endsWith("@caller")) {
        ordered.add(event);
      }
    }
    for (String event : events) {
      if (!event.endsWith("@caller")) {
        ordered.add(event);
      }
    }
    return parts[0] + " | " + String.join(",", ordered);
  }

  @Test
  @DisplayName("contract 6: a method the agent cannot route is reported with class, method and fix, and left as it is")
  void misconfiguredMethods_reportedAndLeftAlone() throws Exception {
    Path config = write("{\"flags\": {\"BROKEN\": {\"enabled\": false}}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config).run("dev.flaggate.testapp.ScenarioApp", "misconfigured");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains(
        "RESULT missingLegacy=own body wrongSignature=own body noLegacy=7 static=own body fine=legacy"), result.toString());
    assertTrue(result.stdout().contains("RESULT template=subclass"), result.toString());
    assertTrue(result.stdout().contains("RESULT greeting=own body abstractLegacy=own body"), result.toString());
    assertEquals(7, result.lines("\"event\":\"misconfigured_method\"").size(), result.toString());
    String missing = result.lines("missingLegacy(String)").get(0);
    assertTrue(missing.contains("\"class\":\"dev.flaggate.testapp.Misconfigured\""), missing);
    assertTrue(missing.contains("does not exist") && missing.contains("\"fix\":\"declare String doesNotExist(String)"), missing);
    String wrong = result.lines("wrongSignature(String)").get(0);
    assertTrue(wrong.contains("found String otherSignature(String, int)"), wrong);
    assertTrue(result.lines("noLegacyButReturnsValue(String)").get(0).contains("names no legacy method"));
    assertTrue(result.lines("staticMismatch(String)").get(0).contains("declare static String instanceLegacy(String)"));
    assertTrue(result.lines("step(String)").get(0).contains("abstract"));
    // each says what is wrong, not what is fine
    assertTrue(result.lines("greet(String)").get(0).contains("declared in an interface"), result.toString());
    assertTrue(result.lines("run(String)").get(0).contains("\\\"legacyRun\\\" is abstract"), result.toString());
    assertTrue(result.lines("staticMismatch(String)").get(0).contains("is not static while the gated method is static"),
        result.toString());
  }

  @Test
  @DisplayName("contract 4: edits apply without restart; half-written content keeps the last good config; a bad field turns only that flag off; delete keeps it")
  void flagFileEdits_applyLive_andBadContentNeverWidens() throws Exception {
    Path config = write("{\"flags\": {}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config).run("dev.flaggate.testapp.ScenarioApp", "reload", config.toString());
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("STEP start Decision[enabled=false, reason=default]"), result.toString());
    assertTrue(result.stdout().contains("STEP renamed Decision[enabled=true, reason=allowlist]"), result.toString());
    assertTrue(result.stdout().contains("STEP halfWritten Decision[enabled=true, reason=allowlist]"), result.toString());
    assertTrue(result.stdout().contains("STEP badType Decision[enabled=false, reason=invalid_config]"), result.toString());
    assertTrue(result.stdout().contains("STEP deleted Decision[enabled=false, reason=invalid_config]"), result.toString());
    assertTrue(result.stdout().contains("STEP recreated Decision[enabled=false, reason=disabled]"), result.toString());
    assertTrue(result.stdout().contains("\"event\":\"config_rejected\""), "the half-written file is reported");
    assertTrue(result.stdout().contains("percent_rollout"), "the bad field is named");
    assertTrue(result.stdout().contains("\"event\":\"config_deleted\""), result.toString());
  }

  @Test
  @DisplayName("contract 4: a flag file missing at start-up turns every flag off, even one the environment turns on")
  void missingFileAtStartup_everyFlagOff() throws Exception {
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + dir.resolve("absent.json"))
        .env("CHECKOUT_V2", "true")
        .run("dev.flaggate.testapp.ScenarioApp", "quote");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("RESULT legacy:shopper_001:1"), result.toString());
    assertTrue(result.stdout().contains("absent.json: the file does not exist"), result.toString());
  }

  @Test
  @DisplayName("contract 4: an unparsable file at start-up means legacy, with line and column of the error")
  void syntaxErrorAtStartup_legacyWithLocation() throws Exception {
    Path config = write("{\"flags\": {\"CHECKOUT_V2\": {\"enabled\": true,}}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config).run("dev.flaggate.testapp.ScenarioApp", "quote");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("RESULT legacy:shopper_001:1"), result.toString());
    assertTrue(result.stdout().contains("line 1, column"), result.toString());
  }

  @Test
  @DisplayName("contract 7: unknown or malformed options and a busy metrics port are reported and ignored")
  void badOptions_reportedAndIgnored() throws Exception {
    Path config = write("{\"flags\": {\"CHECKOUT_V2\": {\"enabled\": true}}}");
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",bogus=1,secondary-threads=zero,noequals,max-config-bytes=2147483647,metrics-port="
          + busy.getLocalPort()).run("dev.flaggate.testapp.ScenarioApp", "quote");
      assertEquals(0, result.exitCode(), result.toString());
      assertTrue(result.stdout().contains("RESULT new:shopper_001:1"), result.toString());
      assertTrue(result.stdout().contains("unknown option 'bogus'"), result.toString());
      assertTrue(result.stdout().contains("secondary-threads=zero"), result.toString());
      assertTrue(result.stdout().contains("'noequals' is not key=value"), result.toString());
      // past what a Java array holds: once accepted here and refused by the watcher, which left every call on legacy
      assertTrue(result.stdout().contains("max-config-bytes=2147483647"), result.toString());
      assertTrue(result.stdout().contains(String.valueOf(busy.getLocalPort())), "the busy port is named\n" + result);
    }
  }

  @Test
  @DisplayName("contract 8: lines the rate limit left out are counted at exit, when no summary came to tell them")
  void leftOutLines_toldAtExit() throws Exception {
    Path config = write("{\"flags\": {\"CHECKOUT_V2\": {\"enabled\": true}}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",check-logs-per-second=0,log=stdout")
        .run("dev.flaggate.testapp.ScenarioApp", "quote");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("RESULT new:shopper_001:1"), result.toString());
    assertFalse(result.stdout().contains("\"event\":\"feature_flag_check\""), result.toString());
    String told = result.stdout().lines().filter(line -> line.contains("\"event\":\"lines_left_out\"")).findFirst()
        .orElseThrow(() -> new AssertionError("no lines_left_out line\n" + result));
    assertTrue(told.contains("\"of_event\":\"feature_flag_check\"") && told.contains("\"left_out\":1"), told);
  }

  @Test
  @DisplayName("contract 6: a shopper id that cannot be read (its accessor or toString() throws) means legacy, and a line says so")
  void unreadableShopperId_legacyAndTold() throws Exception {
    Path config = write("{\"flags\": {\"ORDERS_V2\": {\"enabled\": true, \"allowlist\": [\"s1\"]}}}");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stdout")
        .run("dev.flaggate.testapp.brokenid.BrokenIdApp");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains(
        "RESULT place(s1)=new place(none)=legacy cancel(s1)=new cancel(broken)=legacy"), result.toString());
    List<String> failures = result.lines("\"event\":\"agent_failure\"");
    assertEquals(2, failures.size(), result.toString());
    // what failed and where, the application's text withheld (log-full-values shows it)
    assertTrue(failures.stream().anyMatch(line -> line.contains("Orders.place ran legacy")
        && line.contains("java.lang.IllegalStateException: (message withheld: 24 chars")
        && line.contains("at dev.flaggate.testapp.brokenid.Order.shopperId")), result.toString());
    assertTrue(failures.stream().anyMatch(line -> line.contains("Orders.cancel ran legacy")
        && line.contains("at dev.flaggate.testapp.brokenid.CustomerId.toString")), result.toString());
    assertFalse(result.stdout().contains("order without a customer"), result.toString());
    assertFalse(result.stdout().contains("customer id not loaded"), result.toString());
  }

  private Path write(String content) throws Exception {
    Path config = dir.resolve("flags.json");
    Files.writeString(config, content);
    return config;
  }
}
