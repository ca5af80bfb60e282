package dev.flaggate.agent.rollout;

/** TEMPORARY STUB until the engine branch is merged. */
public final class RolloutEngine {
  private volatile RolloutSnapshot snapshot = new RolloutSnapshot();

  public RolloutSnapshot snapshot() {
    return snapshot;
  }

  public FlagRule rule(String flag) {
    return snapshot.rule(flag);
  }

  public int decide(String flag, String shopperId) {
    return rule(flag).decide(shopperId);
  }
}
