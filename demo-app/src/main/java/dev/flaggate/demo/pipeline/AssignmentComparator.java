package dev.flaggate.demo.pipeline;

import dev.flaggate.ResultComparator;

/** Dual-run comparator of routing: any difference in queue or agent is a critical divergence. */
public final class AssignmentComparator implements ResultComparator {

  /** Created by the agent, once per gated method. */
  public AssignmentComparator() {}

  @Override
  public boolean equivalent(Object legacy, Object candidate) {
    Divergence.Verdict verdict = Divergence.classify(legacy, candidate);
    RunLedger.compared(Feature.ROUTING, verdict, describe(legacy) + " vs " + describe(candidate));
    return verdict == Divergence.Verdict.SAME;
  }

  @Override
  public String describe(Object outcome) {
    return outcome instanceof Assignment assignment ? assignment.toString() : ResultComparator.super.describe(outcome);
  }
}
