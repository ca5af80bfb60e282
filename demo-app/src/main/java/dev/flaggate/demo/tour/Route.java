package dev.flaggate.demo.tour;

/** Contract section 6: for a shopper the flag is on for, which body answers and which also runs. */
enum Route {
  /** Flag on for nobody that matters here: legacy answers everyone. */
  LEGACY_ONLY(false, false, false),
  /** Shadow + dual-run: legacy answers, new runs as secondary, compared. */
  SHADOW_COMPARED(false, true, true),
  /** Shadow only: legacy answers, new runs as secondary, not compared. */
  SHADOW(false, true, false),
  /** Dual-run only: new answers, legacy runs as secondary, compared. */
  NEW_ANSWERS_COMPARED(true, false, true),
  /** Neither: new answers, nothing else runs. */
  NEW_ONLY(true, false, false);

  final boolean newAnswers;
  final boolean newInShadow;
  final boolean compared;

  Route(boolean newAnswers, boolean newInShadow, boolean compared) {
    this.newAnswers = newAnswers;
    this.newInShadow = newInShadow;
    this.compared = compared;
  }

  String describe() {
    return switch (this) {
      case LEGACY_ONLY -> "legacy only";
      case SHADOW_COMPARED -> "legacy answers, new in shadow, compared";
      case SHADOW -> "legacy answers, new in shadow, not compared";
      case NEW_ANSWERS_COMPARED -> "new answers, legacy beside it, compared";
      case NEW_ONLY -> "new answers, nothing beside it";
    };
  }
}
