package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract 3, bucket(F, s): properties over many generated shopper ids. Every generator uses a
 * fixed seed, so each run sees the same ids and the outcome never flakes.
 */
class BucketPropertiesTest {

  private static final long SEED = 20260107L;

  /**
   * Chi-square goodness of fit of 1,000,000 ids over the 100 buckets, 99 degrees of freedom. The
   * critical value at significance 0.001 is 148.23 (a correct hash exceeds it for one seed in a
   * thousand). With the fixed seed the statistic is a constant (92.95, near its expected value of
   * 99), so the test is deterministic; a biased bucket function lands far above the critical value.
   */
  @Test
  @DisplayName("contract 3 bucket: buckets are uniform (chi-square, 1,000,000 ids, alpha 0.001)")
  void bucketsAreUniform() {
    SaltedHash hash = new SaltedHash("WHATSAPP_CANONICAL_EVENTS_ENABLED");
    SplittableRandom random = new SplittableRandom(SEED);
    int ids = 1_000_000;
    long[] counts = new long[100];
    for (int i = 0; i < ids; i++) {
      counts[hash.bucket(randomShopperId(random))]++;
    }
    double expected = ids / 100.0;
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertTrue(chiSquare < 148.23, "chi-square " + chiSquare + " >= 148.23 (df 99, alpha 0.001)");
  }

  @Test
  @DisplayName("contract 3 bucket: raising the percent never removes a shopper")
  void raisingPercentOnlyAdds() {
    SplittableRandom random = new SplittableRandom(SEED);
    FlagRule[] rules = new FlagRule[101];
    for (int percent = 0; percent <= 100; percent++) {
      rules[percent] = Rules.fileRule("F", "{\"enabled\": true, \"percent_rollout\": " + percent + "}");
    }
    for (int i = 0; i < 10_000; i++) {
      String id = randomShopperId(random);
      boolean wasOn = false;
      for (int percent = 0; percent <= 100; percent++) {
        boolean on = DecisionCode.enabled(rules[percent].decide(id));
        assertTrue(on || !wasOn, id + " was on below " + percent + "% and off at it");
        wasOn = on;
      }
      assertTrue(wasOn, id + " off at 100%");
    }
  }

  @Test
  @DisplayName("contract 3 bucket: the salt changes the cohort; a shared salt shares it")
  void saltChangesCohort() {
    FlagRule byName = Rules.fileRule("F", "{\"enabled\": true, \"percent_rollout\": 50}");
    FlagRule salted =
        Rules.fileRule("F", "{\"enabled\": true, \"percent_rollout\": 50, \"salt\": \"migration\"}");
    FlagRule companion =
        Rules.fileRule("G", "{\"enabled\": true, \"percent_rollout\": 50, \"salt\": \"migration\"}");
    SplittableRandom random = new SplittableRandom(SEED);
    int ids = 20_000;
    int differ = 0;
    for (int i = 0; i < ids; i++) {
      String id = randomShopperId(random);
      boolean a = DecisionCode.enabled(byName.decide(id));
      boolean b = DecisionCode.enabled(salted.decide(id));
      differ += a != b ? 1 : 0;
      assertEquals(b, DecisionCode.enabled(companion.decide(id)), "shared salt, " + id);
    }
    // independent 50 % cohorts disagree for about half the shoppers
    assertTrue(differ > ids * 0.45 && differ < ids * 0.55, differ + " of " + ids + " differ");
  }

  @Test
  @DisplayName("contract 3 bucket: equals unsigned murmur3_x86_32(salt:id) mod 100, as any JVM computes it")
  void bucketIsTheContractFormula() {
    SaltedHash hash = new SaltedHash("WHATSAPP_CANONICAL_EVENTS_ENABLED");
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 10_000; i++) {
      String id = i % 2 == 0 ? randomShopperId(random) : Murmur3Test.randomUnicode(random);
      byte[] bytes = ("WHATSAPP_CANONICAL_EVENTS_ENABLED:" + id).getBytes(StandardCharsets.UTF_8);
      long unsigned = MurmurHash3.hash32x86(bytes, 0, bytes.length, 0) & 0xffffffffL;
      assertEquals((int) (unsigned % 100), hash.bucket(id), id);
    }
    // pinned literals (computed with commons-codec), so a change of formula shows up in review
    assertEquals(71, hash.bucket("shopper_001"));
    assertEquals(79, new SaltedHash("whatsapp-migration").bucket("shopper_001"));
  }

  static String randomShopperId(SplittableRandom random) {
    return "shopper_" + Long.toHexString(random.nextLong());
  }
}
