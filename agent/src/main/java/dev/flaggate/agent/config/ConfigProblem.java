package dev.flaggate.agent.config;

import java.util.Locale;

/**
 * One thing wrong with a configuration, worded for the operator who has to fix it.
 *
 * @param flag the flag concerned, or {@code null} for the file as a whole
 * @param field the field or environment variable concerned, or {@code null} for the whole entry
 * @param value the value as written: for the file its JSON text, so {@code "50"} keeps its quotes
 *     (a number with an exponent shows normalised, {@code 1e1} as {@code 1E+1}); {@code null} when
 *     there is none
 * @param message what is wrong and what is expected
 * @param severity whether the flag is unusable ({@link Severity#ERROR}) or only suspicious
 */
public record ConfigProblem(
    String flag, String field, String value, String message, Severity severity) {

  /** How bad a problem is. */
  public enum Severity {
    /** The flag is invalid: off with reason {@code invalid_config} while it is in effect. */
    ERROR,
    /** Reported and otherwise ignored, such as an unknown field. */
    WARNING
  }

  static ConfigProblem error(String flag, String field, String value, String message) {
    return new ConfigProblem(flag, field, value, message, Severity.ERROR);
  }

  static ConfigProblem warning(String flag, String field, String value, String message) {
    return new ConfigProblem(flag, field, value, message, Severity.WARNING);
  }

  /** Whether this problem makes its flag invalid. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One log line, e.g. {@code error: flag F, field percent_rollout, value "50": must be ...}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(severity.name().toLowerCase(Locale.ROOT));
    line.append(':');
    if (flag != null) {
      line.append(" flag ").append(flag);
    }
    if (field != null) {
      line.append(flag != null ? ", field " : " field ").append(field);
    }
    if (value != null) {
      line.append(", value ").append(value);
    }
    return line.append(": ").append(message).toString();
  }
}
