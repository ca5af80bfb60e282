package dev.flaggate.agent.rollout;

/**
 * Why a flag is on or off for a shopper: one word per row of the decision table (contract section
 * 3). The words are public contract: logs, metric labels and {@code Decision.reason()} carry them.
 *
 * <p>The ordinal is part of the compact decision code (see {@link DecisionCode}); append new
 * reasons, never reorder.
 */
public enum Reason {
  DEFAULT("default"),
  INVALID_CONFIG("invalid_config"),
  DISABLED("disabled"),
  DENYLIST("denylist"),
  ALLOWLIST("allowlist"),
  PERCENT("percent"),
  PERCENT_EXCLUDED("percent_excluded"),
  NOT_IN_ALLOWLIST("not_in_allowlist"),
  ENABLED("enabled"),
  NO_SHOPPER("no_shopper");

  private static final Reason[] BY_ORDINAL = values();

  private final String word;

  Reason(String word) {
    this.word = word;
  }

  /** The contract word, e.g. {@code "percent_excluded"}. */
  public String word() {
    return word;
  }

  static Reason ofOrdinal(int ordinal) {
    return BY_ORDINAL[ordinal];
  }

  /** The contract words, indexed by ordinal: what the API jar maps decision codes with. */
  public static String[] words() {
    String[] words = new String[BY_ORDINAL.length];
    for (Reason reason : BY_ORDINAL) {
      words[reason.ordinal()] = reason.word;
    }
    return words;
  }
}
