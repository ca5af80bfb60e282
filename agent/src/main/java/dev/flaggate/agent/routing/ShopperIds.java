package dev.flaggate.agent.routing;

/** Turns the shopper argument of a gated call into the id the rollout rule reads. */
final class ShopperIds {

  private ShopperIds() {}

  /**
   * A {@code String} is used as it is (the common, allocation-free case); any other value (a
   * {@code CharSequence}, {@code Number}, {@code UUID}, a boxed primitive or an accessor's result)
   * through {@code toString()}. {@code null} means no shopper.
   */
  static String of(Object argument) {
    if (argument instanceof String id) {
      return id;
    }
    return argument == null ? null : argument.toString();
  }
}
