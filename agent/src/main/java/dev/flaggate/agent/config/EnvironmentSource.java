package dev.flaggate.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables of contract section 5, the seed's fallback storage: {@code F},
 * {@code F_ALLOWLIST}, {@code F_DENYLIST}, {@code F_PERCENT}, {@code F_SHADOW_MODE} and
 * {@code F_DUAL_RUN} for flag {@code F}.
 *
 * <p>Variables are looked up by flag name, never enumerated: {@code X_PERCENT} is flag {@code X}'s
 * percent when {@code X} is asked for, and flag {@code X_PERCENT}'s switch when that is. A set but
 * unparsable variable makes the flag invalid, so a typo never switches anything on. Values of
 * booleans and the percent are read without surrounding blanks: {@code " true"} is still
 * unambiguous, while {@code ""} is not.
 */
public final class EnvironmentSource {

  private static final List<String> TRUE = List.of("true", "1", "yes", "on");
  private static final List<String> FALSE = List.of("false", "0", "no", "off");

  private final Map<String, String> variables;

  /** A source over {@code variables}: {@link System#getenv()} in production, a map in tests. */
  public EnvironmentSource(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** The process environment. */
  public static EnvironmentSource system() {
    return new EnvironmentSource(System.getenv());
  }

  /** The flag's settings, or empty when none of its variables is set. */
  public Optional<FlagEntry> entry(String flag) {
    Reader reader = new Reader(flag);
    FlagSettings settings =
        new FlagSettings(
            reader.bool(flag),
            null,
            reader.bool(flag + "_SHADOW_MODE"),
            reader.bool(flag + "_DUAL_RUN"),
            reader.list(flag + "_ALLOWLIST"),
            reader.list(flag + "_DENYLIST"),
            reader.percent(flag + "_PERCENT"),
            null);
    return reader.anySet ? Optional.of(new FlagEntry(flag, settings, reader.problems))
        : Optional.empty();
  }

  /** Reads the variables of one flag, remembering whether any was set and what was wrong. */
  private final class Reader {
    private final String flag;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private boolean anySet;

    Reader(String flag) {
      this.flag = flag;
    }

    Boolean bool(String variable) {
      String raw = get(variable);
      if (raw == null) {
        return null;
      }
      String word = raw.strip().toLowerCase(Locale.ROOT);
      if (TRUE.contains(word)) {
        return true;
      }
      if (FALSE.contains(word)) {
        return false;
      }
      problems.add(
          ConfigProblem.error(
              flag, variable, raw, "must be true|false|1|0|yes|no|on|off (any case)"));
      return null;
    }

    Integer percent(String variable) {
      String raw = get(variable);
      if (raw == null) {
        return null;
      }
      String digits = raw.strip();
      // digits only: "+5", "5.0" and "1e1" are not what an operator types for a percent
      if (!digits.isEmpty() && digits.length() <= 9 && allDigits(digits)) {
        int percent = Integer.parseInt(digits);
        if (percent <= 100) {
          return percent;
        }
      }
      problems.add(ConfigProblem.error(flag, variable, raw, "must be an integer from 0 to 100"));
      return null;
    }

    List<String> list(String variable) {
      String raw = get(variable);
      if (raw == null) {
        return null;
      }
      List<String> ids = new ArrayList<>();
      for (String item : raw.split(",", -1)) {
        String id = item.strip();
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      return ids;
    }

    private String get(String variable) {
      String raw = variables.get(variable);
      anySet |= raw != null;
      return raw;
    }
  }

  // a loop, not chars().allMatch(...): this runs on the way to the first routed call, where a
  // lambda or stream would spin classes (ARCHITECTURE.md, start-up)
  private static boolean allDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }
}
