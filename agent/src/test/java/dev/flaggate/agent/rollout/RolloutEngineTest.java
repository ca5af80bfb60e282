package dev.flaggate.agent.rollout;

import static dev.flaggate.agent.rollout.Rules.assertDecision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract 3 precedence and contract 4 "Bad content" and "Reload", through the engine. */
class RolloutEngineTest {

  private static final String F = "WHATSAPP_ROUTING_ENABLED";
  private static final Map<String, String> ENV_ON_FOR_001 =
      Map.of(F, "true", F + "_ALLOWLIST", "shopper_001");

  @Test
  @DisplayName("contract 3 precedence: an active file entry beats the environment")
  void fileBeatsEnvironment() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, Rules.file(F, "{\"enabled\": false}"));
    assertDecision(false, Reason.DISABLED, engine.decide(F, "shopper_001"));
    assertEquals(FlagRule.Origin.FILE, engine.rule(F).origin());
  }

  @Test
  @DisplayName("contract 3 precedence: without a file entry the environment decides")
  void environmentWithoutFileEntry() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, Rules.file("OTHER", "{\"enabled\": true}"));
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, "shopper_001"));
    assertEquals(FlagRule.Origin.ENVIRONMENT, engine.rule(F).origin());
  }

  @Test
  @DisplayName("contract 3 precedence: with neither, none: off, default")
  void none() {
    RolloutEngine engine = Rules.engine(Map.of(), Rules.file("OTHER", "{\"enabled\": true}"));
    assertDecision(false, Reason.DEFAULT, engine.decide(F, "shopper_001"));
    assertEquals(FlagRule.Origin.NONE, engine.rule(F).origin());
  }

  @Test
  @DisplayName("contract 4: an entry with active false falls through to the environment, even if it has errors")
  void inactiveFallsThrough() {
    RolloutEngine engine =
        Rules.engine(ENV_ON_FOR_001, Rules.file(F, "{\"active\": false, \"enabled\": true, \"percent_rollout\": 150}"));
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, "shopper_001"));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, "shopper_002"));
  }

  @Test
  @DisplayName("contract 4: an entry with active false and no environment is none")
  void inactiveWithoutEnvironment() {
    RolloutEngine engine = Rules.engine(Map.of(), Rules.file(F, "{\"active\": false, \"enabled\": true}"));
    assertDecision(false, Reason.DEFAULT, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 4: an invalid active entry does not fall through: off, invalid_config")
  void invalidEntryDoesNotFallThrough() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, Rules.file(F, "{\"enabled\": true, \"active\": \"false\"}"));
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 4 reload: an entry removed from the file falls through to the environment")
  void removedEntryFallsThrough() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, Rules.file(F, "{\"enabled\": false}"));
    assertDecision(false, Reason.DISABLED, engine.decide(F, "shopper_001"));
    engine.apply(Rules.parse("{\"flags\": {}}"));
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 4 reload: each new readable content applies, registered flags included")
  void reloadApplies() {
    RolloutEngine engine = Rules.engine(Map.of(), null);
    assertDecision(false, Reason.DEFAULT, engine.decide(F, "shopper_001")); // registers F
    engine.apply(Rules.file(F, "{\"enabled\": true}"));
    assertDecision(true, Reason.ENABLED, engine.decide(F, "shopper_001"));
    engine.apply(Rules.file(F, "{\"enabled\": true, \"denylist\": [\"shopper_001\"]}"));
    assertDecision(false, Reason.DENYLIST, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 4: one invalid entry never affects another")
  void invalidEntryStandsAlone() {
    RolloutEngine engine = Rules.engine(Map.of(), Rules.parse(
        "{\"flags\": {\"A\": {\"enabled\": \"yes\"}, \"B\": {\"enabled\": true}}}"));
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide("A", "s"));
    assertDecision(true, Reason.ENABLED, engine.decide("B", "s"));
  }

  @Test
  @DisplayName("contract 4 bad content: unreadable content keeps the last-known-good snapshot")
  void unreadableKeepsLastGood() {
    RolloutEngine engine = Rules.engine(Map.of(), Rules.file(F, "{\"enabled\": true}"));
    RolloutSnapshot good = engine.snapshot();
    ConfigFileParser.Result halfWritten =
        ConfigFileParser.parse("{\"flags\": {\"F\": {\"ena".getBytes(StandardCharsets.UTF_8));
    engine.fileUnreadable(((ConfigFileParser.Unreadable) halfWritten).message());
    assertSame(good, engine.snapshot());
    assertDecision(true, Reason.ENABLED, engine.decide(F, "shopper_001"));
    assertTrue(engine.fileStatus().startsWith("unreadable, keeping"), engine.fileStatus());
  }

  @Test
  @DisplayName("contract 4 bad content: a deleted file keeps the last-known-good snapshot")
  void deletedKeepsLastGood() {
    RolloutEngine engine = Rules.engine(Map.of(), Rules.file(F, "{\"enabled\": true}"));
    RolloutSnapshot good = engine.snapshot();
    engine.fileDeleted();
    assertSame(good, engine.snapshot());
    assertDecision(true, Reason.ENABLED, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 4 bad content: unreadable at start-up turns every flag off, invalid_config, until readable")
  void unreadableAtStartup() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, null);
    engine.fileUnreadable("invalid JSON at line 1, column 3: ...");
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001")); // env-configured
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide("NEVER_SEEN", null));
    assertFalse(engine.rule(F).valid());
    engine.fileDeleted();
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001"));

    engine.apply(Rules.parse("{\"flags\": {}}"));
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, "shopper_001"));
    assertDecision(false, Reason.DEFAULT, engine.decide("NEVER_SEEN", null));
  }

  @Test
  @DisplayName("engine: an unknown flag gets a rule, is registered, and is then found compiled")
  void unknownFlagsAreRegistered() {
    RolloutEngine engine = Rules.engine(ENV_ON_FOR_001, null);
    assertFalse(engine.snapshot().flags().contains(F));
    FlagRule rule = engine.rule(F);
    assertNotNull(rule);
    assertTrue(engine.snapshot().flags().contains(F));
    assertSame(rule, engine.rule(F));
  }

  @Test
  @DisplayName("engine: past the registration cap, new names are evaluated correctly without caching")
  void registrationCap() {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(ENV_ON_FOR_001), 3);
    for (int i = 0; i < 10; i++) {
      assertDecision(false, Reason.DEFAULT, engine.decide("RANDOM_" + i, "s"));
    }
    assertEquals(3, engine.snapshot().flags().size());
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, "shopper_001"));
    assertFalse(engine.snapshot().flags().contains(F));
  }

  @Test
  @DisplayName("engine: a null flag name is off, default")
  void nullFlagName() {
    RolloutEngine engine = Rules.engine(Map.of(), null);
    assertDecision(false, Reason.DEFAULT, engine.decide(null, "shopper_001"));
  }

  @Test
  @DisplayName("engine: the snapshot exposes the file it was built from, for the reload diff")
  void snapshotFileConfig() {
    RolloutEngine engine = Rules.engine(Map.of(), null);
    assertTrue(engine.snapshot().fileConfig().isEmpty());
    engine.apply(Rules.file(F, "{\"enabled\": true}"));
    assertTrue(engine.snapshot().fileConfig().orElseThrow().flags().containsKey(F));
  }

  @Test
  @DisplayName("engine: a snapshot says whether some flag turns shadow mode or dual-run on (what asks for the warm-up)")
  void snapshotUsesShadowOrDualRun() {
    RolloutEngine engine = Rules.engine(Map.of(), null);
    assertFalse(engine.snapshot().usesShadowOrDualRun());
    engine.apply(Rules.file(F, "{\"enabled\": true, \"shadow_mode\": false, \"dual_run\": false}"));
    assertFalse(engine.snapshot().usesShadowOrDualRun());
    engine.apply(Rules.file(F, "{\"enabled\": true, \"shadow_mode\": true}"));
    assertTrue(engine.snapshot().usesShadowOrDualRun());
    engine.apply(Rules.file(F, "{\"enabled\": false, \"dual_run\": true}"));
    assertTrue(engine.snapshot().usesShadowOrDualRun(), "a killed flag's dual_run still asks for it: one re-enable away");
  }

  @Test
  @DisplayName("contract 5: bad environment variables are told once per flag, however the flag is first asked, and again after a reload brings them back")
  void badEnvironmentVariables_toldOncePerFlag_andAgainAfterAReloadBringsThemBack() {
    java.util.List<String> told = new java.util.ArrayList<>();
    RolloutEngine engine = new RolloutEngine(
        new EnvironmentSource(Map.of(F, "maybe", "GOOD_V2", "true")),
        (flag, problems) -> told.add(flag + " " + problems));

    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001")); // first asked: registered, told
    engine.decide(F, "shopper_002");
    engine.rule("GOOD_V2");
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith(F + " ") && told.get(0).contains("maybe"), told.toString());

    engine.apply(Rules.file(F, "{\"enabled\": true}")); // the file decides now: nothing to tell
    assertEquals(1, told.size(), told.toString());
    engine.apply(Rules.file("OTHER", "{\"enabled\": true}")); // its entry removed: the bad variable decides again
    assertEquals(2, told.size(), told.toString());
    engine.apply(Rules.file("OTHER", "{\"enabled\": false}")); // still so: not told twice
    assertEquals(2, told.size(), told.toString());
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001"));
  }

  @Test
  @DisplayName("contract 5: a gated method's flag named in the file at first, then removed by a reload: its bad environment variables are told then")
  void rememberedFlag_fileEntryRemoved_badVariablesTold() {
    java.util.List<String> told = new java.util.ArrayList<>();
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of(F, "maybe")),
        (flag, problems) -> told.add(flag + " " + problems));
    engine.apply(Rules.file(F, "{\"enabled\": true}"));
    engine.remember(F); // its gated method loads while the file decides it
    assertTrue(told.isEmpty(), told.toString());

    engine.apply(Rules.file("OTHER", "{\"enabled\": true}")); // the entry removed: the environment decides
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith(F + " ") && told.get(0).contains("maybe"), told.toString());
    assertTrue(engine.snapshot().flags().contains(F), "still compiled after its entry left the file");
    assertDecision(false, Reason.INVALID_CONFIG, engine.decide(F, "shopper_001"));
  }
}
