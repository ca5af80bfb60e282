package dev.flaggate.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two readable versions of the config file, one human-readable line per
 * change, for the reload log: "record every flag change", as the seed's notes ask.
 */
public final class ConfigDiff {

  private static final List<Map.Entry<String, Function<FlagSettings, Object>>> FIELDS =
      List.of(
          Map.entry("enabled", FlagSettings::enabled),
          Map.entry("active", FlagSettings::active),
          Map.entry("shadow_mode", FlagSettings::shadowMode),
          Map.entry("dual_run", FlagSettings::dualRun),
          Map.entry("allowlist", FlagSettings::allowlist),
          Map.entry("denylist", FlagSettings::denylist),
          Map.entry("percent_rollout", FlagSettings::percentRollout),
          Map.entry("salt", FlagSettings::salt));

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
    for (Map.Entry<String, Function<FlagSettings, Object>> field : FIELDS) {
      Object from = field.getValue().apply(was.settings());
      Object to = field.getValue().apply(now.settings());
      if (!Objects.equals(from, to)) {
        changes.add(flag + ": " + field.getKey() + " " + show(from) + " -> " + show(to));
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
    for (Map.Entry<String, Function<FlagSettings, Object>> field : FIELDS) {
      Object value = field.getValue().apply(entry.settings());
      if (value != null) {
        fields.add(field.getKey() + "=" + value);
      }
    }
    String errors = entry.valid() ? "" : ", invalid (off): " + errors(entry);
    return "{" + String.join(", ", fields) + "}" + errors;
  }

  private static List<ConfigProblem> errors(FlagEntry entry) {
    return entry.problems().stream().filter(ConfigProblem::isError).toList();
  }

  private static String show(Object value) {
    return value == null ? "(not set)" : value.toString();
  }
}
