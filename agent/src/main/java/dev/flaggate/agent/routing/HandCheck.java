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
 * kept with the number of the snapshot it came from and replaced when a reload swaps the snapshot,
 * so a check compares one number. The holder is immutable, so a racy read sees a whole one; at
 * worst two threads both build it once. The flag is not registered with the engine: names asked by
 * hand are any strings, and each registration copied the whole snapshot.
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
    if (current == null || current.version() != now.version()) {
      return refresh(engine);
    }
    FlagRule held = cachedRule;
    if (held != current.rule()) {
      // two refreshes raced (a name no snapshot compiles resolves to a new rule each time): the
      // holder's rule wins, and the field is mended so that the next check takes the short path
      cachedRule = current.rule();
      return current.rule();
    }
    return held;
  }

  // out of line: once per snapshot
  private FlagRule refresh(RolloutEngine engine) {
    RolloutSnapshot snapshot = engine.snapshot();
    SnapshotRule fresh = new SnapshotRule(snapshot.version(), engine.handRule(snapshot, flag));
    cachedRule = fresh.rule();
    cached = fresh;
    return fresh.rule();
  }

  /**
   * A rule and the number of the snapshot it came from: the number, not the snapshot, so that a
   * check not asked again for a while does not keep an old snapshot alive (a thousand hand-checked
   * names, each holding another, held hundreds of MB; found by review).
   */
  private record SnapshotRule(long version, FlagRule rule) {}
}
