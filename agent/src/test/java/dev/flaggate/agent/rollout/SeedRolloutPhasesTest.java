package dev.flaggate.agent.rollout;

import static dev.flaggate.agent.rollout.Rules.assertDecision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract 3 and 9: each rollout phase and each rollback of the seed guide, with the shoppers the
 * guide names, written both as the environment variables the guide gives and as a config file.
 */
class SeedRolloutPhasesTest {

  private static final String F = "WHATSAPP_CANONICAL_EVENTS_ENABLED";
  private static final String SHADOW = "WHATSAPP_CANONICAL_SHADOW_MODE";
  private static final String DUAL_RUN = "WHATSAPP_DUAL_RUN";
  private static final List<String> CANARIES = List.of("shopper_001", "shopper_002", "shopper_003");
  private static final String TEST_SHOPPER = "shopper_test_001";
  private static final String PROBLEMATIC = "shopper_problematico";

  /** How a phase is written. */
  enum Source { ENVIRONMENT, FILE }

  /**
   * One phase: the flag's settings and the companions' switches, rendered in either source so
   * both are tested from one statement of the phase.
   */
  private record Phase(
      boolean enabled, String allowlist, String denylist, Integer percent,
      boolean shadowCompanion, boolean dualRunCompanion) {

    RolloutEngine engine(Source source) {
      return source == Source.ENVIRONMENT ? Rules.engine(environment(), null)
          : Rules.engine(Map.of(), Rules.parse(file()));
    }

    Map<String, String> environment() {
      Map<String, String> env = new HashMap<>();
      env.put(F, String.valueOf(enabled));
      env.put(SHADOW, String.valueOf(shadowCompanion));
      env.put(DUAL_RUN, String.valueOf(dualRunCompanion));
      env.put("WHATSAPP_PROVIDER", "simulated");
      if (allowlist != null) {
        env.put(F + "_ALLOWLIST", allowlist);
      }
      if (denylist != null) {
        env.put(F + "_DENYLIST", denylist);
      }
      if (percent != null) {
        env.put(F + "_PERCENT", percent.toString());
      }
      return env;
    }

    String file() {
      StringBuilder entry = new StringBuilder("{\"enabled\": " + enabled);
      if (allowlist != null) {
        entry.append(", \"allowlist\": ").append(jsonList(allowlist));
      }
      if (denylist != null) {
        entry.append(", \"denylist\": ").append(jsonList(denylist));
      }
      if (percent != null) {
        entry.append(", \"percent_rollout\": ").append(percent);
      }
      entry.append(", \"active\": true}");
      return "{\"flags\": {\"" + F + "\": " + entry
          + ", \"" + SHADOW + "\": {\"enabled\": " + shadowCompanion + "}"
          + ", \"" + DUAL_RUN + "\": {\"enabled\": " + dualRunCompanion + "}}}";
    }

    Phase withEnabled(boolean on) {
      return new Phase(on, allowlist, denylist, percent, shadowCompanion, dualRunCompanion);
    }

    Phase withAllowlist(String ids) {
      return new Phase(enabled, ids, denylist, percent, shadowCompanion, dualRunCompanion);
    }

    Phase withDenylist(String ids) {
      return new Phase(enabled, allowlist, ids, percent, shadowCompanion, dualRunCompanion);
    }

    Phase withPercent(int share) {
      return new Phase(enabled, allowlist, denylist, share, shadowCompanion, dualRunCompanion);
    }

    private static String jsonList(String commaSeparated) {
      return commaSeparated.isEmpty() ? "[]"
          : "[\"" + String.join("\", \"", commaSeparated.split(",")) + "\"]";
    }
  }

  private static final Phase DEV = new Phase(false, null, null, null, true, false);
  private static final Phase STAGING = new Phase(true, TEST_SHOPPER, null, null, true, true);
  private static final Phase CANARY = STAGING.withAllowlist(String.join(",", CANARIES));

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 0 dev: the flag is off for everyone (no canonical event at all)")
  void phase0Dev(Source source) {
    RolloutEngine engine = DEV.engine(source);
    for (String shopper : List.of(TEST_SHOPPER, "shopper_001", "anyone")) {
      assertDecision(false, Reason.DISABLED, engine.decide(F, shopper));
    }
    assertDecision(false, Reason.DISABLED, engine.decide(DUAL_RUN, TEST_SHOPPER));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 1 staging: only shopper_test_001, with shadow and dual-run companions on")
  void phase1Staging(Source source) {
    RolloutEngine engine = STAGING.engine(source);
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, TEST_SHOPPER));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, "shopper_001"));
    assertDecision(true, Reason.ENABLED, engine.decide(SHADOW, TEST_SHOPPER));
    assertDecision(true, Reason.ENABLED, engine.decide(DUAL_RUN, TEST_SHOPPER));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 1 staging, database form: shadow_mode on the flag and percent_rollout 0")
  void phase1StagingDatabaseForm(Source source) {
    // FeatureFlagConfig(enabled=True, shadow_mode=True, allowlist=['shopper_test_001'], percent_rollout=0, active=True)
    RolloutEngine engine = source == Source.FILE
        ? Rules.engine(Map.of(), Rules.file(F, "{\"enabled\": true, \"shadow_mode\": true, "
            + "\"allowlist\": [\"shopper_test_001\"], \"percent_rollout\": 0, \"active\": true}"))
        : Rules.engine(Map.of(F, "True", F + "_SHADOW_MODE", "True",
            F + "_ALLOWLIST", TEST_SHOPPER, F + "_PERCENT", "0"), null);
    assertDecision(true, Reason.ALLOWLIST, engine.decide(F, TEST_SHOPPER));
    assertDecision(false, Reason.PERCENT_EXCLUDED, engine.decide(F, "shopper_001"));
    assertTrue(engine.rule(F).shadowMode());
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 2 canary: shopper_001..003 on, everyone else off")
  void phase2Canary(Source source) {
    RolloutEngine engine = CANARY.engine(source);
    CANARIES.forEach(s -> assertDecision(true, Reason.ALLOWLIST, engine.decide(F, s)));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, TEST_SHOPPER));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, "shopper_004"));
    assertDecision(false, Reason.NO_SHOPPER, engine.decide(F, null));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 2 rollback FLAG=false: allowlisted shoppers are off too")
  void phase2RollbackKillSwitch(Source source) {
    RolloutEngine engine = CANARY.withEnabled(false).engine(source);
    CANARIES.forEach(s -> assertDecision(false, Reason.DISABLED, engine.decide(F, s)));
    assertDecision(false, Reason.DISABLED, engine.decide(F, "shopper_004"));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 2 rollback FLAG_ALLOWLIST= (empty): everyone is off, never on for everyone")
  void phase2RollbackEmptyAllowlist(Source source) {
    RolloutEngine engine = CANARY.withAllowlist("").engine(source);
    CANARIES.forEach(s -> assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, s)));
    assertDecision(false, Reason.NOT_IN_ALLOWLIST, engine.decide(F, "shopper_004"));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 3 PERCENT=5 on the canary: canaries stay on, about 5 % of the rest join")
  void phase3FivePercentKeepsCanaries(Source source) {
    RolloutEngine engine = CANARY.withPercent(5).engine(source);
    CANARIES.forEach(s -> assertDecision(true, Reason.ALLOWLIST, engine.decide(F, s)));
    assertShare(engine, 5);
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 3 PERCENT=10/25/50/100: the share grows, canaries stay on, nobody leaves")
  void phase3RaisingPercent(Source source) {
    Map<String, Boolean> previous = new HashMap<>();
    for (int percent : new int[] {5, 10, 25, 50, 100}) {
      RolloutEngine engine = CANARY.withPercent(percent).engine(source);
      CANARIES.forEach(s -> assertDecision(true, Reason.ALLOWLIST, engine.decide(F, s)));
      assertShare(engine, percent);
      for (String shopper : shoppers(2_000)) {
        boolean on = DecisionCode.enabled(engine.decide(F, shopper));
        assertFalse(previous.getOrDefault(shopper, false) && !on, shopper + " left at " + percent + "%");
        previous.put(shopper, on);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed rollback PERCENT=0: everyone but allowlisted shoppers is off")
  void rollbackPercentZero(Source source) {
    RolloutEngine engine = CANARY.withPercent(0).engine(source);
    CANARIES.forEach(s -> assertDecision(true, Reason.ALLOWLIST, engine.decide(F, s)));
    for (String shopper : shoppers(1_000)) {
      assertDecision(false, Reason.PERCENT_EXCLUDED, engine.decide(F, shopper));
    }
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed rollback DENYLIST=shopper_problematico: that one shopper is off, the rest unchanged")
  void rollbackOneShopper(Source source) {
    Phase half = CANARY.withPercent(50);
    // bucket 31 < 50: shopper_problematico is in the 50 % cohort before the rollback
    assertDecision(true, Reason.PERCENT, half.engine(source).decide(F, PROBLEMATIC));
    RolloutEngine engine = half.withDenylist(PROBLEMATIC).engine(source);
    assertDecision(false, Reason.DENYLIST, engine.decide(F, PROBLEMATIC));
    CANARIES.forEach(s -> assertDecision(true, Reason.ALLOWLIST, engine.decide(F, s)));
    assertShare(engine, 50);
    RolloutEngine allowlisted = half.withAllowlist(PROBLEMATIC).withDenylist(PROBLEMATIC).engine(source);
    assertDecision(false, Reason.DENYLIST, allowlisted.decide(F, PROBLEMATIC));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  @DisplayName("seed phase 4 cutover: everyone on, shadow and dual-run companions off")
  void phase4Cutover(Source source) {
    RolloutEngine engine = new Phase(true, null, null, 100, false, false).engine(source);
    for (String shopper : shoppers(1_000)) {
      assertDecision(true, Reason.PERCENT, engine.decide(F, shopper));
    }
    assertDecision(false, Reason.DISABLED, engine.decide(SHADOW, "shopper_001"));
    assertDecision(false, Reason.DISABLED, engine.decide(DUAL_RUN, "shopper_001"));
  }

  /** Shoppers not on any list get the flag with the percent's share, within 1.5 points. */
  private static void assertShare(RolloutEngine engine, int percent) {
    List<String> shoppers = shoppers(20_000);
    long on = shoppers.stream().filter(s -> engine.decide(F, s) == DecisionCode.of(true, Reason.PERCENT)).count();
    long off = shoppers.stream()
        .filter(s -> engine.decide(F, s) == DecisionCode.of(false, Reason.PERCENT_EXCLUDED)).count();
    assertEquals(shoppers.size(), on + off);
    double share = 100.0 * on / shoppers.size();
    assertTrue(Math.abs(share - percent) <= 1.5, share + "% on at PERCENT=" + percent);
  }

  /** The same generated shoppers on every call and every run. */
  private static List<String> shoppers(int count) {
    SplittableRandom random = new SplittableRandom(9L);
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> "shopper_" + (100_000 + random.nextInt(900_000)))
        .toList();
  }
}
