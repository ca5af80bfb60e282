package dev.flaggate.testapp.hostile;

import dev.flaggate.FlagGated;

/** One gated method per kind of agent line that carries a shopper id. */
public class Profile {

  /** Flag on for the allowlisted (hostile) ids: a check line. */
  @FlagGated(value = "HOSTILE_ON", legacy = "legacyName")
  public String name(String shopperId) {
    return "new";
  }

  private String legacyName(String shopperId) {
    return "legacy";
  }

  /** Dual-run whose sides disagree: a divergence line. */
  @FlagGated(value = "HOSTILE_DUAL", legacy = "legacyScore")
  public int score(String shopperId) {
    return 2;
  }

  private int legacyScore(String shopperId) {
    return 1;
  }

  /** Shadow whose new side throws: a secondary error line. */
  @FlagGated(value = "HOSTILE_ERROR", legacy = "legacyAvatar")
  public String avatar(String shopperId) {
    throw new IllegalStateException("avatar service down");
  }

  private String legacyAvatar(String shopperId) {
    return "legacy-avatar";
  }
}
