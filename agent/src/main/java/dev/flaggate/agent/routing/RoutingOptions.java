package dev.flaggate.agent.routing;

import java.time.Duration;

/**
 * How routing runs secondaries and samples latency; set from agent options.
 *
 * @param secondaryThreads threads of the secondary pool
 * @param secondaryQueue secondaries that may wait for a thread; beyond it they are skipped
 * @param secondaryTimeout after this a running secondary is interrupted and counted
 * @param synchronousSecondaries run the secondary on the caller's thread after the primary
 * @param latencySampleEvery time one call in this many (a power of two) per method
 * @param fullValuesInLogs log {@code String.valueOf} of outcomes instead of the comparator's description
 */
public record RoutingOptions(
    int secondaryThreads,
    int secondaryQueue,
    Duration secondaryTimeout,
    boolean synchronousSecondaries,
    int latencySampleEvery,
    boolean fullValuesInLogs) {

  public static final RoutingOptions DEFAULTS = new RoutingOptions(2, 64, Duration.ofSeconds(5), false, 16, false);

  public RoutingOptions {
    if (secondaryThreads < 1 || secondaryQueue < 0 || secondaryTimeout.isNegative() || secondaryTimeout.isZero()) {
      throw new IllegalArgumentException("secondary pool needs at least one thread, a queue >= 0 and a positive timeout");
    }
    if (latencySampleEvery < 1 || Integer.bitCount(latencySampleEvery) != 1) {
      throw new IllegalArgumentException("latency sampling must be a power of two, got " + latencySampleEvery);
    }
  }
}
