package dev.flaggate.agent.observability;

import org.slf4j.event.Level;

/**
 * The per-flag lines that can come by the million and so each have their own budget ({@link LineBudget},
 * or {@link CheckLines} for checks):
 * their grep token (the line's {@code message}), {@code event} field and level.
 */
enum LineKind {
  CHECK("FEATURE_FLAG", "feature_flag_check", Level.INFO),
  COMPARISON("DUAL_RUN", "dual_run_comparison", Level.INFO),
  DIVERGENCE("DUAL_RUN", "dual_run_divergence", Level.WARN),
  SECONDARY_ERROR("DUAL_RUN", "secondary_error", Level.WARN),
  SECONDARY_TIMEOUT("DUAL_RUN", "secondary_timeout", Level.WARN),
  SECONDARY_SKIPPED("DUAL_RUN", "secondary_skipped", Level.WARN),
  AGENT_FAILURE("FLAGGATE", "agent_failure", Level.ERROR);

  static final LineKind[] ALL = values();

  final String token;
  final String event;
  final Level level;

  LineKind(String token, String event, Level level) {
    this.token = token;
    this.event = event;
    this.level = level;
  }
}
