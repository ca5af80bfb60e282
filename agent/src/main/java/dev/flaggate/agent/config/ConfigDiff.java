package dev.flaggate.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two readable versions of the config file, one human-readable line per
 * change, for the reload log: "record every flag change", as the seed's notes ask.
 */
public final class ConfigDiff {

  /** The compared fields, in the order of {@link #values}. */
  private static final String[] FIELDS = {
      "enabled", "active", "shadow_mode", "dual_run", "allowlist", "denylist", "percent_rollout", "salt"};

  private ConfigDiff() {}

  /**
   * The changes from {@code before} to {@code after}, flags in name order.
   *
   * @param before the previous readable config, or {@code null} when this is the first one
   * @param after the new readable config
   * @return lines such as {@code "WHATSAPP_X: percent_rollout 5 -> 10"}; empty when nothing changed
   */
  public static List<String> between(ParsedConfig before, ParsedConfig after) {
    Map<String, FlagEntry> old = before == null ? Map.of() : before.flags();
    Set<String> names = new TreeSet<>(old.keySet());
    names.addAll(after.flags().keySet());
    List<String> changes = new ArrayList<>();
    for (String flag : names) {
      FlagEntry was = old.get(flag);
      FlagEntry now = after.flags().get(flag);
      if (was == null) {
        changes.add(flag + ": added " + describe(now));
      } else if (now == null) {
        changes.add(flag + ": removed (falls through to the environment)");
      } else {
        changes.addAll(fieldChanges(flag, was, now));
      }
    }
    return changes;
  }

  private static List<String> fieldChanges(String flag, FlagEntry was, FlagEntry now) {
    List<String> changes = new ArrayList<>();
    Object[] from = values(was.settings());
    Object[] to = values(now.settings());
    for (int i = 0; i < FIELDS.length; i++) {
      if (!Objects.equals(from[i], to[i])) {
        changes.add(flag + ": " + FIELDS[i] + " " + show(from[i]) + " -> " + show(to[i]));
      }
    }
    List<ConfigProblem> errorsBefore = errors(was);
    List<ConfigProblem> errorsNow = errors(now);
    if (!errorsBefore.equals(errorsNow)) {
      changes.add(
          flag + (errorsNow.isEmpty() ? ": valid again" : ": invalid (off): " + errorsNow));
    }
    return changes;
  }

  private static String describe(FlagEntry entry) {
    List<String> fields = new ArrayList<>();
    Object[] values = values(entry.settings());
    for (int i = 0; i < FIELDS.length; i++) {
      if (values[i] != null) {
        fields.add(FIELDS[i] + "=" + values[i]);
      }
    }
    String errors = entry.valid() ? "" : ", invalid (off): " + errors(entry);
    return "{" + String.join(", ", fields) + "}" + errors;
  }

  // plain loops, no lambdas or streams: this runs before the first gated call can route (start-up)
  private static Object[] values(FlagSettings settings) {
    return new Object[] {
        settings.enabled(), settings.active(), settings.shadowMode(), settings.dualRun(),
        settings.allowlist(), settings.denylist(), settings.percentRollout(), settings.salt()};
  }

  private static List<ConfigProblem> errors(FlagEntry entry) {
    List<ConfigProblem> errors = new ArrayList<>();
    for (ConfigProblem problem : entry.problems()) {
      if (problem.isError()) {
        errors.add(problem);
      }
    }
    return errors;
  }

  private static String show(Object value) {
    return value == null ? "(not set)" : value.toString();
  }
}
