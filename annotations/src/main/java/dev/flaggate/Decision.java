package dev.flaggate;

/**
 * The answer of the rollout rule for one flag and one shopper.
 *
 * @param enabled whether the flag is on for the shopper
 * @param reason the row of the decision table that decided, one of {@code default},
 *     {@code invalid_config}, {@code disabled}, {@code denylist}, {@code allowlist},
 *     {@code percent}, {@code percent_excluded}, {@code not_in_allowlist}, {@code enabled},
 *     {@code no_shopper}, or {@code agent_absent} when no agent runs in this JVM
 */
public record Decision(boolean enabled, String reason) {

  /** The decision given when no Flaggate agent is attached to this JVM: off. */
  public static final Decision AGENT_ABSENT = new Decision(false, "agent_absent");

  /** Rejects a missing reason: every decision says why. */
  public Decision {
    if (reason == null) {
      throw new NullPointerException("reason");
    }
  }

  /** Every decision by the bridge's code ({@code reasonIndex << 1 | enabled}), for the reason words it gives. */
  static Decision[] table(String[] reasons) {
    Decision[] table = new Decision[reasons.length * 2];
    for (int i = 0; i < reasons.length; i++) {
      table[i << 1] = new Decision(false, reasons[i]);
      table[(i << 1) | 1] = new Decision(true, reasons[i]);
    }
    return table;
  }
}
