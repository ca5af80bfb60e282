package dev.flaggate.agent.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract 8: the per-flag line budget")
class LineBudgetTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  @DisplayName("contract 8: N lines a second, then the next second's first line tells the rest")
  void budgetPerSecond() {
    LineBudget budget = new LineBudget(2);
    long now = 42 * SECOND;

    assertEquals(0, budget.tryTake(now));
    assertEquals(0, budget.tryTake(now + 1));
    assertEquals(LineBudget.REFUSED, budget.tryTake(now + 2));
    assertEquals(LineBudget.REFUSED, budget.tryTake(now + SECOND - 1));
    assertEquals(2, budget.tryTake(now + SECOND));
    assertEquals(0, budget.drainLeftOut());
  }

  @Test
  @DisplayName("contract 8: a clock read from a thread slightly behind counts in the current second")
  void staleClockCountsInCurrentWindow() {
    LineBudget budget = new LineBudget(1);
    budget.tryTake(10 * SECOND);

    assertEquals(LineBudget.REFUSED, budget.tryTake(10 * SECOND - 1));
    assertEquals(1, budget.drainLeftOut());
  }

  @Test
  @DisplayName("contract 8: a budget of 0 writes no line, and every line is still counted")
  void zeroBudgetOnlyCounts() {
    LineBudget budget = new LineBudget(0);
    for (int i = 0; i < 5; i++) {
      assertEquals(LineBudget.REFUSED, budget.tryTake(i * SECOND));
    }
    assertEquals(5, budget.drainLeftOut());
  }
}
