package dev.flaggate.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates one flag's JSON object, strictly typed (contract section 4): no coercion, so
 * {@code "true"}, {@code 1}, {@code 12.5} or {@code "50"} where another type is due are errors, and
 * so is {@code null} (an absent field is "not configured"; a {@code null} allowlist read as absent
 * would switch a flag on for everyone). Every problem of the entry is collected, not just the
 * first.
 */
final class FlagEntryReader {

  private final String flag;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private FlagEntryReader(String flag) {
    this.flag = flag;
  }

  static FlagEntry read(String flag, JsonValue value) {
    return new FlagEntryReader(flag).read(value);
  }

  private FlagEntry read(JsonValue value) {
    if (!(value instanceof JsonValue.ObjectValue entry)) {
      problems.add(
          ConfigProblem.error(flag, null, value.json(), "a flag entry must be a JSON object"));
      return new FlagEntry(flag, new FlagSettings(null, null, null, null, null, null, null, null),
          problems);
    }
    for (Map.Entry<String, JsonValue> field : entry.fields().entrySet()) {
      if (!Field.isKnown(field.getKey())) {
        problems.add(
            ConfigProblem.warning(
                flag, field.getKey(), field.getValue().json(), "unknown field, ignored"));
      }
    }
    FlagSettings settings =
        new FlagSettings(
            bool(entry, Field.ENABLED),
            bool(entry, Field.ACTIVE),
            bool(entry, Field.SHADOW_MODE),
            bool(entry, Field.DUAL_RUN),
            list(entry, Field.ALLOWLIST),
            list(entry, Field.DENYLIST),
            percent(entry),
            salt(entry));
    return new FlagEntry(flag, settings, problems);
  }

  private Boolean bool(JsonValue.ObjectValue entry, String field) {
    JsonValue value = entry.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonValue.BooleanValue bool)) {
      return error(field, value, "must be a JSON boolean, true or false (without quotes)");
    }
    return bool.value();
  }

  private Integer percent(JsonValue.ObjectValue entry) {
    JsonValue value = entry.get(Field.PERCENT_ROLLOUT);
    if (value == null) {
      return null;
    }
    // 50.0 is not an integer here: a fraction or exponent means the operator wrote something else
    if (!(value instanceof JsonValue.NumberValue number) || !number.isInt()
        || number.value().intValue() < 0 || number.value().intValue() > 100) {
      return error(Field.PERCENT_ROLLOUT, value,
          "must be a JSON integer from 0 to 100 (without quotes or decimals)");
    }
    return number.value().intValue();
  }

  private String salt(JsonValue.ObjectValue entry) {
    JsonValue value = entry.get(Field.SALT);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonValue.StringValue salt)) {
      return error(Field.SALT, value, "must be a JSON string");
    }
    return salt.value();
  }

  private List<String> list(JsonValue.ObjectValue entry, String field) {
    JsonValue value = entry.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonValue.ArrayValue array)) {
      return error(field, value, "must be a JSON array of strings, e.g. [\"shopper_001\"]");
    }
    List<String> ids = new ArrayList<>();
    boolean allStrings = true;
    for (int i = 0; i < array.items().size(); i++) {
      JsonValue item = array.items().get(i);
      String itemField = field + "[" + i + "]";
      if (!(item instanceof JsonValue.StringValue id)) {
        allStrings = false;
        error(itemField, item, "must be a JSON string");
      } else if (id.value().isBlank()) {
        // a blank id matches no shopper (blank means "no shopper"), so the item does nothing
        problems.add(ConfigProblem.warning(flag, itemField, item.json(), "blank entry, ignored"));
      } else {
        ids.add(id.value().strip());
      }
    }
    return allStrings ? ids : null;
  }

  private <T> T error(String field, JsonValue value, String message) {
    problems.add(ConfigProblem.error(flag, field, value.json(), message));
    return null;
  }

  /** The field names of an entry, the seed's FeatureFlagConfig fields. */
  private static final class Field {
    static final String ENABLED = "enabled";
    static final String ACTIVE = "active";
    static final String SHADOW_MODE = "shadow_mode";
    static final String DUAL_RUN = "dual_run";
    static final String ALLOWLIST = "allowlist";
    static final String DENYLIST = "denylist";
    static final String PERCENT_ROLLOUT = "percent_rollout";
    static final String SALT = "salt";

    private static final List<String> ALL =
        List.of(ENABLED, ACTIVE, SHADOW_MODE, DUAL_RUN, ALLOWLIST, DENYLIST, PERCENT_ROLLOUT, SALT);

    static boolean isKnown(String name) {
      return ALL.contains(name);
    }
  }
}
