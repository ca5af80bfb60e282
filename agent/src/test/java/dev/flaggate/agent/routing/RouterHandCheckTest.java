package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Checks by hand through the router: each flag answers by its own rule and counts in its own telemetry. */
class RouterHandCheckTest {

  private static final int ON = DecisionCode.of(true, Reason.ENABLED);
  private static final int OFF = DecisionCode.of(false, Reason.DISABLED);

  private final List<String> checked = new ArrayList<>();
  // "Aa" and "BB" have the same String.hashCode, so they share a slot of the router's recent checks
  private final Router router = router(Map.of("Aa", "true", "BB", "false"));

  @Test
  @DisplayName("two flags whose names share a hash, checked in turn, each answer by their own rule")
  void flagsSharingASlot() {
    assertEquals("Aa".hashCode(), "BB".hashCode());
    for (int round = 0; round < 3; round++) {
      assertEquals(ON, router.evaluate("Aa", "s1"));
      assertEquals(OFF, router.evaluate("BB", "s1"));
    }
    assertEquals(List.of("Aa", "BB", "Aa", "BB", "Aa", "BB"), checked);
  }

  @Test
  @DisplayName("a flag name built at run time finds the same check as the literal")
  void equalNameNotTheSameString() {
    String built = new String(new char[] {'A', 'a'});
    assertEquals(ON, router.evaluate("Aa", "s1"));
    assertEquals(ON, router.evaluate(built, "s1"));
    assertEquals(OFF, router.evaluate("BB", "s1"));
    assertEquals(ON, router.evaluate(built, "s1"));
    assertEquals(List.of("Aa", "Aa", "BB", "Aa"), checked);
  }

  private Router router(Map<String, String> environment) {
    RoutingTelemetry telemetry = flag -> new QuietTelemetry() {
      @Override public void checked(String shopperId, int decisionCode) {
        checked.add(flag);
      }
    };
    return new Router(new SiteRegistry(), new RolloutEngine(new EnvironmentSource(environment)), telemetry,
        new SecondaryExecutor(RoutingOptions.DEFAULTS), RoutingOptions.DEFAULTS, System::nanoTime);
  }
}
