package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.rollout.RolloutSnapshot;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cached rule of a check by hand follows every reload. */
class HandCheckTest {

  @Test
  @DisplayName("contract 4: a check by hand sees each applied config, and reuses the rule within one")
  void followsReloads() {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    HandCheck hand = new HandCheck("F", null);

    assertEquals(DecisionCode.of(false, Reason.DEFAULT), hand.rule(engine).decide("a"));

    engine.apply(parse("{\"flags\": {\"F\": {\"enabled\": true, \"allowlist\": [\"a\"]}}}"));
    FlagRule first = hand.rule(engine);
    assertEquals(DecisionCode.of(true, Reason.ALLOWLIST), first.decide("a"));
    assertSame(first, hand.rule(engine), "same snapshot, same rule");

    engine.apply(parse("{\"flags\": {\"F\": {\"enabled\": false}}}"));
    assertEquals(DecisionCode.of(false, Reason.DISABLED), hand.rule(engine).decide("a"));
  }

  @Test
  @DisplayName("names asked by hand, however many, are not registered: the snapshot is never copied for them")
  void namesAskedByHand_leaveTheSnapshotAlone() {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of("HAND_9", "true")));
    engine.apply(parse("{\"flags\": {\"F\": {\"enabled\": true}}}"));
    RolloutSnapshot before = engine.snapshot();
    for (int i = 0; i < 5_000; i++) {
      new HandCheck("HAND_" + i, null).rule(engine);
    }
    assertSame(before, engine.snapshot(), "no registration replaced the snapshot");
    assertEquals(java.util.Set.of("F"), engine.snapshot().flags());
    assertEquals(DecisionCode.of(true, Reason.ENABLED), new HandCheck("HAND_9", null).rule(engine).decide("a"),
        "a name the environment decides is still decided by it");
  }

  @Test
  @DisplayName("a check by hand keeps its rule, not the snapshot it came from: an old snapshot can be collected")
  void keepsNoOldSnapshot() throws InterruptedException {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    engine.apply(parse("{\"flags\": {\"F\": {\"enabled\": true}}}"));
    HandCheck hand = new HandCheck("F", null);
    hand.rule(engine);
    WeakReference<RolloutSnapshot> old = new WeakReference<>(engine.snapshot());
    engine.apply(parse("{\"flags\": {\"G\": {\"enabled\": true}}}")); // hand is not asked again
    for (int attempt = 0; attempt < 20 && old.get() != null; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(old.get(), "the old snapshot is held by nothing");
    assertEquals(DecisionCode.of(false, Reason.DEFAULT), hand.rule(engine).decide("a"), "and the check follows the reload");
  }

  private static dev.flaggate.agent.config.ParsedConfig parse(String json) {
    ConfigFileParser.Result result = ConfigFileParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return assertInstanceOf(ConfigFileParser.Readable.class, result, result::toString).config();
  }
}
