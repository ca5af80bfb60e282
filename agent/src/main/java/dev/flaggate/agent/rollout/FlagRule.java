package dev.flaggate.agent.rollout;

/** TEMPORARY STUB until the engine branch is merged. */
public final class FlagRule {
  public int decide(String shopperId) {
    return DecisionCode.of(false, Reason.DEFAULT);
  }

  public boolean shadowMode() {
    return false;
  }

  public boolean dualRun() {
    return false;
  }
}
