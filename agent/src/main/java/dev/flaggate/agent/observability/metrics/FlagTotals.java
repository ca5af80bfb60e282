package dev.flaggate.agent.observability.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one flag counted so far: the figures of the periodic summary line.
 *
 * @param checksOn checks that answered on
 * @param checksOff checks that answered off
 * @param divergences dual-run comparisons that found the two sides not equivalent
 * @param secondaryErrors secondaries that threw
 * @param secondarySkipped secondaries skipped because the pool was full
 * @param secondaryTimeouts secondaries interrupted after the timeout
 */
public record FlagTotals(
    long checksOn,
    long checksOff,
    long divergences,
    long secondaryErrors,
    long secondarySkipped,
    long secondaryTimeouts) {

  /** Nothing counted yet. */
  public static final FlagTotals ZERO = new FlagTotals(0, 0, 0, 0, 0, 0);

  /** What was counted since {@code earlier}. */
  public FlagTotals minus(FlagTotals earlier) {
    return new FlagTotals(
        checksOn - earlier.checksOn,
        checksOff - earlier.checksOff,
        divergences - earlier.divergences,
        secondaryErrors - earlier.secondaryErrors,
        secondarySkipped - earlier.secondarySkipped,
        secondaryTimeouts - earlier.secondaryTimeouts);
  }

  /** True when nothing at all was counted. */
  public boolean isZero() {
    return equals(ZERO);
  }

  /** The figures as log fields, in a fixed order. */
  public Map<String, Long> asFields() {
    Map<String, Long> fields = new LinkedHashMap<>();
    fields.put("checks_on", checksOn);
    fields.put("checks_off", checksOff);
    fields.put("divergences", divergences);
    fields.put("secondary_errors", secondaryErrors);
    fields.put("secondary_skipped", secondarySkipped);
    fields.put("secondary_timeouts", secondaryTimeouts);
    return fields;
  }
}
