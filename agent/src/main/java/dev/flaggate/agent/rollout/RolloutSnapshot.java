package dev.flaggate.agent.rollout;

/** TEMPORARY STUB until the engine branch is merged. */
public final class RolloutSnapshot {
  public FlagRule rule(String flag) {
    return new FlagRule();
  }
}
