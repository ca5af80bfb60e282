package dev.flaggate.demo.pipeline;

import java.util.Objects;

/**
 * What counts as a critical divergence in this service, and what does not.
 *
 * <p><b>Critical</b>: one side failed and the other succeeded; or the outcomes differ in something a
 * customer or a downstream consumer acts on: another event, conversation, shopper, type or message,
 * another queue or agent, another recipient number once both are normalised.
 * <br><b>Non-critical</b>: the same event whose sender number is written in another format (the
 * legacy pipeline keeps the store's format, the new one writes E.164).
 */
public final class Divergence {

  /** The definition the tour prints. */
  public static final String DEFINITION =
      "critical divergence = one side failed and the other succeeded, or the two outcomes differ in what a "
          + "customer or consumer acts on (event, conversation, shopper, message, queue, agent, or the "
          + "recipient number once both are normalised). Non-critical = the same event with the sender "
          + "number in another format (legacy keeps the store's format, the new code writes E.164).";

  /** The verdict on one comparison. */
  public enum Verdict { SAME, NON_CRITICAL, CRITICAL }

  private Divergence() {}

  /**
   * Classifies a dual-run comparison.
   *
   * @param legacy the legacy outcome (value or {@code Throwable})
   * @param candidate the new outcome (value or {@code Throwable})
   * @return the verdict
   */
  public static Verdict classify(Object legacy, Object candidate) {
    boolean legacyFailed = legacy instanceof Throwable;
    boolean candidateFailed = candidate instanceof Throwable;
    if (legacyFailed || candidateFailed) {
      if (legacyFailed && candidateFailed) {
        Throwable a = (Throwable) legacy;
        Throwable b = (Throwable) candidate;
        return a.getClass() == b.getClass() && Objects.equals(a.getMessage(), b.getMessage())
            ? Verdict.SAME : Verdict.CRITICAL;
      }
      return Verdict.CRITICAL;
    }
    if (Objects.equals(legacy, candidate)) {
      return Verdict.SAME;
    }
    if (legacy instanceof PublishedEvent a && candidate instanceof PublishedEvent b && a.sameExceptPhone(b)
        && PhoneNumbers.toE164(a.senderPhone()).equals(PhoneNumbers.toE164(b.senderPhone()))) {
      return Verdict.NON_CRITICAL;
    }
    return Verdict.CRITICAL;
  }
}
