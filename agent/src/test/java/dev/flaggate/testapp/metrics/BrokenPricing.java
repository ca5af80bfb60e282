package dev.flaggate.testapp.metrics;

import dev.flaggate.FlagGated;

/** Two gated methods the agent cannot route (contract section 6): reported, counted, left as they are. */
public class BrokenPricing {

  @FlagGated(value = "METRICS_BROKEN", legacy = "noSuchMethod")
  public int discount(String shopperId) {
    return 10;
  }

  @FlagGated("METRICS_BROKEN")
  public int surcharge(String shopperId) {
    return 3;
  }
}
