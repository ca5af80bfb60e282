package dev.flaggate.agent.routing;

import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.rollout.RolloutSnapshot;

/**
 * What a check by hand ({@code FlagGate.isEnabled}) of one flag needs, found with one map lookup by
 * flag name: the flag's telemetry and its rule in the snapshot last seen.
 *
 * <p>Why cache the rule: the engine finds a rule by name in the current snapshot, a second hash
 * lookup per check after the router's own one for the telemetry. As for a gated site, the rule is
 * kept with the snapshot it came from and replaced when a reload swaps the snapshot, so a check
 * compares one reference. The holder is immutable, so a racy read sees a whole one; at worst two
 * threads both build it once.
 */
final class HandCheck {

  private final String flag;
  private final FlagTelemetry telemetry;
  private SnapshotRule cached;
  /** {@code cached.rule()}, written before {@link #cached}: read first, as {@code GatedSite#flagRule}. */
  private FlagRule cachedRule;

  HandCheck(String flag, FlagTelemetry telemetry) {
    this.flag = flag;
    this.telemetry = telemetry;
  }

  String flag() {
    return flag;
  }

  FlagTelemetry telemetry() {
    return telemetry;
  }

  /**
   * The flag's rule in the engine's current snapshot. Read from {@link #cachedRule}, one load
   * shorter than through {@link #cached}, while the two agree; they differ only while a refresh
   * races this check.
   */
  FlagRule rule(RolloutEngine engine) {
    RolloutSnapshot now = engine.snapshot();
    SnapshotRule current = cached;
    if (current == null || current.snapshot() != now) {
      return refresh(engine);
    }
    return GatedSite.heldUnlessRaced(cachedRule, current.rule());
  }

  // out of line: once per snapshot
  private FlagRule refresh(RolloutEngine engine) {
    engine.rule(flag); // registers a flag asked for the first time, so later snapshots compile it
    RolloutSnapshot snapshot = engine.snapshot();
    SnapshotRule fresh = new SnapshotRule(snapshot, snapshot.rule(flag));
    cachedRule = fresh.rule();
    cached = fresh;
    return fresh.rule();
  }

  private record SnapshotRule(RolloutSnapshot snapshot, FlagRule rule) {}
}
