package dev.flaggate.agent.rollout;

/**
 * A decision packed in an {@code int}: {@code reason.ordinal() << 1 | (enabled ? 1 : 0)}.
 *
 * <p>Decisions are made on every gated call; packing them keeps that path free of allocation and lets
 * the decision cross class loaders (the API jar's {@code Decision} exists once per loader) as a
 * primitive. Codes also index per-reason metric counters directly.
 */
public final class DecisionCode {

  /** How many distinct codes exist: arrays indexed by code have this length. */
  public static final int COUNT = Reason.values().length << 1;

  private DecisionCode() {}

  /** The code of a decision. */
  public static int of(boolean enabled, Reason reason) {
    return reason.ordinal() << 1 | (enabled ? 1 : 0);
  }

  /** Whether the decision packed in {@code code} is on. */
  public static boolean enabled(int code) {
    return (code & 1) != 0;
  }

  /** The reason packed in {@code code}. */
  public static Reason reason(int code) {
    return Reason.ofOrdinal(code >>> 1);
  }
}
