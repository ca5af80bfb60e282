package dev.flaggate.agent.routing;

/**
 * The route of one shadow or dual-run call, decided from one config snapshot and handed from the
 * route decision to the complex call site on the same thread.
 *
 * @param site the gated method's site id
 * @param shopperId the shopper the flags were evaluated for
 * @param shadow legacy answers the caller and the new body runs as secondary
 * @param dualRun outcomes are compared
 */
record ComplexDecision(int site, String shopperId, boolean shadow, boolean dualRun) {

  /** Which side answers the caller: legacy in shadow mode, else the new body. */
  boolean newIsPrimary() {
    return !shadow;
  }
}
