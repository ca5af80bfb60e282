package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section 6: what counts as the two sides of a dual-run agreeing. */
class OutcomeComparisonTest {

  private final OutcomeComparison comparison;

  OutcomeComparisonTest() throws ReflectiveOperationException {
    comparison = OutcomeComparison.create(MethodHandles.lookup(), "dev.flaggate.ResultComparator$Equality", false);
  }

  @Test
  @DisplayName("contract 6: an exception on one side and a value on the other diverge, even a returned exception equal to the thrown one")
  void thrownAgainstReturned_diverges() throws Throwable {
    Outcome returned = new Outcome(new IllegalArgumentException("bad input"), null, Outcome.UNTIMED);
    Outcome thrown = new Outcome(null, new IllegalArgumentException("bad input"), Outcome.UNTIMED);

    assertFalse(comparison.equivalent(returned, thrown));
    assertFalse(comparison.equivalent(thrown, returned));
    // and the divergence line tells them apart
    assertTrue(comparison.render(thrown).startsWith("threw java.lang.IllegalArgumentException"), comparison.render(thrown));
    assertTrue(comparison.render(returned).startsWith("returned java.lang.IllegalArgumentException"),
        comparison.render(returned));
  }

  @Test
  @DisplayName("contract 6: two thrown exceptions of one class and message agree, as do two equal values")
  void sameKindOfOutcome_comparedByTheComparator() throws Throwable {
    assertTrue(comparison.equivalent(new Outcome(null, new IllegalStateException("x"), 1),
        new Outcome(null, new IllegalStateException("x"), 2)));
    assertTrue(comparison.equivalent(new Outcome("a", null, 1), new Outcome("a", null, 2)));
    assertFalse(comparison.equivalent(new Outcome("a", null, 1), new Outcome("b", null, 2)));
  }
}
