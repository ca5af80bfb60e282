package dev.flaggate.agent.rollout;

import static dev.flaggate.agent.rollout.Rules.assertDecision;
import static dev.flaggate.agent.rollout.Rules.fileRule;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract 3: the decision table, row by row and reason by reason. */
class DecisionTableTest {

  private static final String F = "WHATSAPP_GATEWAY_ENABLED";

  @Test
  @DisplayName("contract 3 row 1: no effective config is off, default")
  void row1_noConfig() {
    RolloutEngine engine = Rules.engine(Map.of(), null);
    assertDecision(false, Reason.DEFAULT, engine.decide(F, "shopper_001"));
    assertDecision(false, Reason.DEFAULT, engine.decide(F, null));
  }

  @Test
  @DisplayName("contract 3 row 2: an invalid config is off, invalid_config, even for allowlisted shoppers")
  void row2_invalid() {
    FlagRule rule = fileRule(F, "{\"enabled\": \"true\", \"allowlist\": [\"shopper_001\"]}");
    assertDecision(false, Reason.INVALID_CONFIG, rule.decide("shopper_001"));
    assertDecision(false, Reason.INVALID_CONFIG, rule.decide(null));
    assertFalse(rule.valid());
  }

  @Test
  @DisplayName("contract 3 row 3: enabled false is the kill switch, above the allowlist")
  void row3_disabled() {
    FlagRule rule = fileRule(F, "{\"enabled\": false, \"allowlist\": [\"shopper_001\"], \"percent_rollout\": 100}");
    assertDecision(false, Reason.DISABLED, rule.decide("shopper_001"));
    assertDecision(false, Reason.DISABLED, rule.decide("shopper_002"));
    assertDecision(false, Reason.DISABLED, rule.decide(null));
  }

  @Test
  @DisplayName("contract 3 row 3 / section 4: enabled defaults to false")
  void row3_enabledAbsentIsDisabled() {
    FlagRule rule = fileRule(F, "{\"allowlist\": [\"shopper_001\"]}");
    assertDecision(false, Reason.DISABLED, rule.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 4: a denylisted shopper is off, even when also allowlisted")
  void row4_denylist() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"denylist\": [\"shopper_001\"], "
        + "\"allowlist\": [\"shopper_001\", \"shopper_002\"], \"percent_rollout\": 100}");
    assertDecision(false, Reason.DENYLIST, rule.decide("shopper_001"));
    assertDecision(true, Reason.ALLOWLIST, rule.decide("shopper_002"));
  }

  @Test
  @DisplayName("contract 3 row 5: an allowlisted shopper is on, even at percent 0")
  void row5_allowlist() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"shopper_001\"], \"percent_rollout\": 0}");
    assertDecision(true, Reason.ALLOWLIST, rule.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 6: percent decides by bucket < percent, percent / percent_excluded")
  void row6_percent() {
    int bucket = Rules.referenceBucket(F, "shopper_001");
    FlagRule justIn = fileRule(F, "{\"enabled\": true, \"percent_rollout\": " + (bucket + 1) + "}");
    FlagRule justOut = fileRule(F, "{\"enabled\": true, \"percent_rollout\": " + bucket + "}");
    assertDecision(true, Reason.PERCENT, justIn.decide("shopper_001"));
    assertDecision(false, Reason.PERCENT_EXCLUDED, justOut.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 6: percent 0 is configured: everyone not allowlisted is percent_excluded")
  void row6_percentZero() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"percent_rollout\": 0}");
    assertDecision(false, Reason.PERCENT_EXCLUDED, rule.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 6: percent 100 is everyone with a shopper id")
  void row6_percentHundred() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"percent_rollout\": 100}");
    assertDecision(true, Reason.PERCENT, rule.decide("shopper_001"));
    assertDecision(true, Reason.PERCENT, rule.decide("x"));
  }

  @Test
  @DisplayName("contract 3 row 6: the salt replaces the flag name in the bucket")
  void row6_salt() {
    int bucket = Rules.referenceBucket("whatsapp-migration", "shopper_001");
    FlagRule justIn = fileRule(F, "{\"enabled\": true, \"salt\": \"whatsapp-migration\", \"percent_rollout\": " + (bucket + 1) + "}");
    FlagRule justOut = fileRule(F, "{\"enabled\": true, \"salt\": \"whatsapp-migration\", \"percent_rollout\": " + bucket + "}");
    assertDecision(true, Reason.PERCENT, justIn.decide("shopper_001"));
    assertDecision(false, Reason.PERCENT_EXCLUDED, justOut.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 6 over row 7: an allowlist and a percent add up")
  void row6_allowlistAndPercentAddUp() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"shopper_001\"], \"percent_rollout\": 100}");
    assertDecision(true, Reason.ALLOWLIST, rule.decide("shopper_001"));
    assertDecision(true, Reason.PERCENT, rule.decide("shopper_002"));
  }

  @Test
  @DisplayName("contract 3 row 7: with an allowlist and no percent, others are not_in_allowlist")
  void row7_notInAllowlist() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"shopper_001\"]}");
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, rule.decide("shopper_002"));
  }

  @Test
  @DisplayName("contract 3 row 7: an empty allowlist means nobody")
  void row7_emptyAllowlistIsNobody() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": []}");
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, rule.decide("shopper_001"));
  }

  @Test
  @DisplayName("contract 3 row 8: enabled with no list and no percent is on for everyone, enabled")
  void row8_enabled() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"denylist\": [\"shopper_999\"]}");
    assertDecision(true, Reason.ENABLED, rule.decide("shopper_001"));
    assertDecision(true, Reason.ENABLED, rule.decide(null));
    assertDecision(true, Reason.ENABLED, rule.decide(" "));
  }

  @ParameterizedTest(name = "shopper [{0}]")
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n"})
  @DisplayName("contract 3: a null or blank shopper is no_shopper where row 6 decides")
  void noShopper_percent(String shopper) {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"percent_rollout\": 100, \"allowlist\": [\"a\"]}");
    assertDecision(false, Reason.NO_SHOPPER, rule.decide(shopper));
  }

  @ParameterizedTest(name = "shopper [{0}]")
  @NullSource
  @ValueSource(strings = {"", " "})
  @DisplayName("contract 3: a null or blank shopper is no_shopper where row 7 decides")
  void noShopper_allowlist(String shopper) {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"a\"], \"denylist\": [\"b\"]}");
    assertDecision(false, Reason.NO_SHOPPER, rule.decide(shopper));
  }

  @Test
  @DisplayName("contract 3: ids compare exactly: case, surrounding blanks and Unicode form matter")
  void idsCompareExactly() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"shopper_001\", \"Jos\\u00e9\"]}");
    assertDecision(true, Reason.ALLOWLIST, rule.decide("shopper_001"));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, rule.decide("SHOPPER_001"));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, rule.decide(" shopper_001"));
    assertDecision(true, Reason.ALLOWLIST, rule.decide("Jos\u00e9"));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, rule.decide("Jose\u0301")); // decomposed é
  }

  @Test
  @DisplayName("contract 3: list entries are trimmed of surrounding blanks")
  void listEntriesTrimmed() {
    FlagRule rule = fileRule(F, "{\"enabled\": true, \"allowlist\": [\"  shopper_001 \"], \"denylist\": [\"\\tshopper_002\"], \"percent_rollout\": 100}");
    assertDecision(true, Reason.ALLOWLIST, rule.decide("shopper_001"));
    assertDecision(false, Reason.DENYLIST, rule.decide("shopper_002"));
  }

  @Test
  @DisplayName("contract 6: shadow_mode and dual_run are the flag's own, false when absent or invalid")
  void shadowAndDualRun() {
    FlagRule both = fileRule(F, "{\"enabled\": true, \"shadow_mode\": true, \"dual_run\": true}");
    FlagRule absent = fileRule(F, "{\"enabled\": true}");
    FlagRule invalid = fileRule(F, "{\"enabled\": 1, \"shadow_mode\": true, \"dual_run\": true}");
    FlagRule none = Rules.engine(Map.of(), null).rule(F);
    assertTrue(both.shadowMode() && both.dualRun());
    assertFalse(absent.shadowMode() || absent.dualRun());
    assertFalse(invalid.shadowMode() || invalid.dualRun());
    assertFalse(none.shadowMode() || none.dualRun());
  }
}
