package dev.flaggate.benchmarks.engine.peers;

import dev.flaggate.benchmarks.engine.Shoppers;
import java.util.List;

/**
 * One flag system under comparison, configured with the flags of {@link Shoppers}. {@link #verify}
 * checks its answers by its own rules before any measurement, so a misconfigured system throws
 * instead of looking fast.
 */
public abstract class Peer {

  private static final int SAMPLE = 20_000;

  /** The system's answer for {@code flag} and {@code shopperId}, as its users would ask. */
  public abstract boolean isEnabled(String flag, String shopperId);

  /** The system's name in error messages. */
  protected abstract String name();

  /**
   * Whether the system's percent rollout is the contract's bucket itself (murmur3_x86_32 of
   * {@code salt:id}, mod 100): then its 5 % must be exactly the contract's 5 %. Otherwise (SHA-1
   * buckets, random draws) only its share is checked.
   */
  protected abstract boolean contractBuckets();

  /** Throws unless every list, the kill switch and the percent answer as configured. */
  protected final void verify() {
    for (String id : Shoppers.ALLOWED) {
      expect(Shoppers.ALLOWLIST, id, true);
      expect(Shoppers.DENYLIST, id, true);
      expect(Shoppers.KILLED, id, false);
    }
    for (String id : Shoppers.DENIED) {
      expect(Shoppers.DENYLIST, id, false);
      expect(Shoppers.ALLOWLIST, id, false);
    }
    for (String id : Shoppers.VISITORS) {
      expect(Shoppers.ALLOWLIST, id, false);
    }
    List<String> sample = Shoppers.sampleVisitors(SAMPLE);
    int on = 0;
    for (String id : sample) {
      boolean enabled = isEnabled(Shoppers.PERCENT, id);
      if (contractBuckets() && enabled != Shoppers.inPercent(id)) {
        throw new IllegalStateException(name() + ": " + Shoppers.PERCENT + " for " + id + " is " + enabled
            + ", the contract's bucket says " + !enabled);
      }
      on += enabled ? 1 : 0;
    }
    double share = 100.0 * on / SAMPLE;
    // 5 % of 20,000: the standard deviation is 0.15 points, so 4..6 is over six sigmas wide
    if (share < Shoppers.PERCENT_VALUE - 1 || share > Shoppers.PERCENT_VALUE + 1) {
      throw new IllegalStateException(name() + ": " + Shoppers.PERCENT + " is on for " + share
          + " % of " + SAMPLE + " shoppers, configured " + Shoppers.PERCENT_VALUE + " %");
    }
  }

  private void expect(String flag, String id, boolean expected) {
    boolean actual = isEnabled(flag, id);
    if (actual != expected) {
      throw new IllegalStateException(name() + ": " + flag + " for " + id + " is " + actual + ", expected " + expected);
    }
  }
}
