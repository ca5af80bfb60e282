package dev.flaggate.demo.pipeline;

import dev.flaggate.ResultComparator;

/**
 * Dual-run comparator of canonical events: equal events are equivalent; anything else is a
 * divergence, classified (see {@link Divergence}) into the demo's ledger. Logs show the event id and
 * the phone format, never the number.
 */
public final class EventComparator implements ResultComparator {

  /** Created by the agent, once per gated method. */
  public EventComparator() {}

  @Override
  public boolean equivalent(Object legacy, Object candidate) {
    Divergence.Verdict verdict = Divergence.classify(legacy, candidate);
    RunLedger.compared(Feature.CANONICAL, verdict, describe(legacy) + " vs " + describe(candidate));
    return verdict == Divergence.Verdict.SAME;
  }

  @Override
  public String describe(Object outcome) {
    if (outcome instanceof PublishedEvent event) {
      return "PublishedEvent(" + event.eventId() + ", phone_format="
          + (PhoneNumbers.isE164(event.senderPhone()) ? "e164" : "raw") + ")";
    }
    return ResultComparator.super.describe(outcome);
  }
}
