package dev.flaggate.testapp.metrics;

import dev.flaggate.FlagGated;

/** Gated methods whose secondaries agree, disagree, throw, or outlive their timeout. */
public class Pricing {

  /** Shopper for whom the new price differs from legacy: every dual-run of theirs diverges. */
  public static final String DIVERGING_SHOPPER = "mx-shopper-dora";

  @FlagGated(value = "METRICS_PRICE_V2", legacy = "legacyPrice")
  public int price(String shopperId, int cents) {
    return shopperId.equals(DIVERGING_SHOPPER) ? cents + 1 : cents;
  }

  private int legacyPrice(String shopperId, int cents) {
    return cents;
  }

  /** In shadow: legacy answers, the new body runs as secondary and throws. */
  @FlagGated(value = "METRICS_ERRORS_V2", legacy = "legacyTax")
  public int tax(String shopperId) {
    throw new IllegalStateException("new tax service down");
  }

  private int legacyTax(String shopperId) {
    return 7;
  }

  /** In shadow: the new body runs as secondary and takes far longer than the agent's timeout. */
  @FlagGated(value = "METRICS_SLOW_V2", legacy = "legacyShipping")
  public int shipping(String shopperId) throws InterruptedException {
    Thread.sleep(30_000); // interrupted by the agent's timeout
    return 0;
  }

  private int legacyShipping(String shopperId) {
    return 5;
  }
}
