package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.rollout.RolloutEngine;
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
  @DisplayName("a flag first asked by hand is registered, so later snapshots compile it")
  void registersTheFlag() {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    new HandCheck("ASKED", null).rule(engine);

    assertEquals(true, engine.snapshot().flags().contains("ASKED"));
  }

  private static dev.flaggate.agent.config.ParsedConfig parse(String json) {
    ConfigFileParser.Result result = ConfigFileParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return assertInstanceOf(ConfigFileParser.Readable.class, result, result::toString).config();
  }
}
