package dev.flaggate.agent.routing;

import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.RolloutSnapshot;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The run-time state of one gated method: its descriptor, the telemetry of its flags (resolved once),
 * the tick of its last latency sample, and the complex route once its invokedynamic call site is linked.
 */
public final class GatedSite {

  private final int id;
  private final SiteDescriptor descriptor;
  /** Bound on first use; an immutable holder, so a racy read sees all three or none. */
  private SiteTelemetry telemetry;
  /**
   * The telemetry of the site's own flag, as in {@link #telemetry}, held here too so that every call
   * reaches it with one load fewer. Its fields are final: a racy read sees a whole one or null.
   */
  private FlagTelemetry flagTelemetry;
  /** The rules of this site's flags in the snapshot last seen; replaced whole when a reload swaps the snapshot. */
  private SiteRules rules;
  /** {@code rules.flag()}, written before {@link #rules}: see {@link #flagRule}. */
  private FlagRule flagRule;
  /** The clock tick of the last sample; racy on purpose: two threads may both sample one tick. */
  private long lastSampleTick = Long.MIN_VALUE;

  GatedSite(int id, SiteDescriptor descriptor) {
    this.id = id;
    this.descriptor = descriptor;
  }

  public int id() {
    return id;
  }

  public SiteDescriptor descriptor() {
    return descriptor;
  }

  /**
   * True for one call in {@code sampleMask + 1} (the mask is a power of two minus one), drawn at
   * random, and at most once per tick of {@code coarseClock}: a method called more often than that
   * is timed at the clock's rate (200 samples a second with the agent's 5 ms clock), so the price of
   * timing stops growing with the call rate, while a method called less often still has one call in
   * N timed. A mask of 0 ({@code latency-sample=1}) times every call, uncapped, as asked.
   *
   * <p>Why no count of calls: a count shared by every thread calling the method is a write to one
   * cache line on every call, next to the fields every call reads; with two threads calling one
   * gated method, that line went back and forth between the cores and a flag-off call took ~250 ns
   * instead of ~22 ns. Here a call reads the clock and the tick of the last sample, both written a
   * few hundred times a second at most, and only while its tick has no sample yet draws from its
   * thread's own random state: in a busy method, a few calls per tick.
   */
  boolean sampleNow(int sampleMask, LongSupplier coarseClock) {
    if (sampleMask == 0) {
      return true;
    }
    long tick = coarseClock.getAsLong();
    if (tick == lastSampleTick || (ThreadLocalRandom.current().nextInt() & sampleMask) != 0) {
      return false;
    }
    lastSampleTick = tick;
    return true;
  }

  /**
   * The rules of the site's flag and companions in {@code snapshot}: after the first call per
   * snapshot, one reference comparison instead of three map lookups. The holder is immutable, so a
   * racy read sees a whole one; at worst two threads both build it once.
   */
  SiteRules rules(RolloutSnapshot snapshot) {
    SiteRules current = rules;
    return current != null && current.snapshot() == snapshot ? current : refreshRules(snapshot);
  }

  /** Drops the rules resolved so far (see {@link SiteRegistry#forgetRules}); the next call resolves them. */
  void forgetRules() {
    rules = null; // racy on purpose: a call that reads null, or the old holder, resolves afresh
  }

  // kept out of rules() so that the per-call part stays small enough to inline
  private SiteRules refreshRules(RolloutSnapshot snapshot) {
    SiteRules fresh = SiteRules.of(snapshot,
        snapshot.rule(descriptor.flag()),
        descriptor.shadowFlag() == null ? null : snapshot.rule(descriptor.shadowFlag()),
        descriptor.dualRunFlag() == null ? null : snapshot.rule(descriptor.dualRunFlag()));
    flagRule = fresh.flag();
    rules = fresh;
    return fresh;
  }

  /**
   * {@code current.flag()}, where {@code current} is what {@link #rules} just returned, read from this
   * site's own field: the decision that follows is a chain of dependent loads, and this takes one
   * link off it (the comparison's load runs beside the decision, not before it). The two differ
   * only while a refresh races this call; then the rules' own flag is used.
   */
  FlagRule flagRule(SiteRules current) {
    return heldUnlessRaced(flagRule, current.flag());
  }

  /**
   * {@code held}, a rule also kept in a field of its own beside the holder that says which snapshot
   * it belongs to, unless a racing refresh made the two differ: then {@code current}, the holder's.
   * Racing is rare, so C2 compiles that branch as an uncommon trap and the caller's decision reads
   * its rule from {@code held}, one load shorter than through the holder; the comparison's own load
   * runs beside the decision instead of before it.
   */
  static FlagRule heldUnlessRaced(FlagRule held, FlagRule current) {
    if (held != current) {
      return current;
    }
    return held;
  }

  /**
   * The site's flag rules as compiled in one snapshot (companions null when not named).
   *
   * @param newOnly flag on means the new body alone: no companion flag is named, and the flag's own
   *     shadow mode and dual-run are off, so the router answers without looking further
   */
  record SiteRules(RolloutSnapshot snapshot, FlagRule flag, FlagRule shadowFlag, FlagRule dualRunFlag,
      boolean newOnly) {

    static SiteRules of(RolloutSnapshot snapshot, FlagRule flag, FlagRule shadowFlag, FlagRule dualRunFlag) {
      boolean newOnly = shadowFlag == null && dualRunFlag == null && !flag.shadowMode() && !flag.dualRun();
      return new SiteRules(snapshot, flag, shadowFlag, dualRunFlag, newOnly);
    }
  }

  SiteTelemetry telemetry(RoutingTelemetry routingTelemetry) {
    SiteTelemetry bound = telemetry;
    return bound != null ? bound : bindTelemetry(routingTelemetry);
  }

  /** The telemetry of the site's own flag: {@code telemetry(routingTelemetry).flag()}, one load shorter. */
  FlagTelemetry flagTelemetry(RoutingTelemetry routingTelemetry) {
    FlagTelemetry bound = flagTelemetry;
    return bound != null ? bound : telemetry(routingTelemetry).flag();
  }

  private SiteTelemetry bindTelemetry(RoutingTelemetry routingTelemetry) {
    SiteTelemetry bound = telemetry;
    if (bound == null) {
      bound = new SiteTelemetry(
          routingTelemetry.forFlag(descriptor.flag()),
          descriptor.shadowFlag() == null ? null : routingTelemetry.forFlag(descriptor.shadowFlag()),
          descriptor.dualRunFlag() == null ? null : routingTelemetry.forFlag(descriptor.dualRunFlag()));
      telemetry = bound;
      flagTelemetry = bound.flag();
    }
    return bound;
  }

  /** The telemetry of the method's flag and of its companion flags (null when not named). */
  record SiteTelemetry(FlagTelemetry flag, FlagTelemetry shadowFlag, FlagTelemetry dualRunFlag) {}
}
