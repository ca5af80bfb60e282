package dev.flaggate.demo.tour;

import java.util.function.Function;

/**
 * One item of the guide's checklist, computed from a phase's observations.
 *
 * @param name what the guide asks, e.g. "no critical divergence"
 * @param verdict computes pass or fail, with the numbers that decided
 */
record Check(String name, Function<PhaseResult, Outcome> verdict) {

  /**
   * @param pass whether the check holds
   * @param detail the measured numbers
   */
  record Outcome(boolean pass, String detail) {
    static Outcome of(boolean pass, String detail) {
      return new Outcome(pass, detail);
    }
  }

  Outcome evaluate(PhaseResult result) {
    try {
      return verdict.apply(result);
    } catch (RuntimeException failure) {
      return Outcome.of(false, "could not compute: " + failure);
    }
  }
}
