package dev.flaggate.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
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

  static FlagEntry read(String flag, JsonNode node) {
    return new FlagEntryReader(flag).read(node);
  }

  private FlagEntry read(JsonNode node) {
    if (!node.isObject()) {
      problems.add(
          ConfigProblem.error(flag, null, node.toString(), "a flag entry must be a JSON object"));
      return new FlagEntry(flag, new FlagSettings(null, null, null, null, null, null, null, null),
          problems);
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!Field.isKnown(field.getKey())) {
        problems.add(
            ConfigProblem.warning(
                flag, field.getKey(), field.getValue().toString(), "unknown field, ignored"));
      }
    }
    FlagSettings settings =
        new FlagSettings(
            bool(node, Field.ENABLED),
            bool(node, Field.ACTIVE),
            bool(node, Field.SHADOW_MODE),
            bool(node, Field.DUAL_RUN),
            list(node, Field.ALLOWLIST),
            list(node, Field.DENYLIST),
            percent(node),
            salt(node));
    return new FlagEntry(flag, settings, problems);
  }

  private Boolean bool(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      return error(field, value, "must be a JSON boolean, true or false (without quotes)");
    }
    return value.booleanValue();
  }

  private Integer percent(JsonNode entry) {
    JsonNode value = entry.get(Field.PERCENT_ROLLOUT);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()
        || value.intValue() < 0 || value.intValue() > 100) {
      return error(Field.PERCENT_ROLLOUT, value,
          "must be a JSON integer from 0 to 100 (without quotes or decimals)");
    }
    return value.intValue();
  }

  private String salt(JsonNode entry) {
    JsonNode value = entry.get(Field.SALT);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      return error(Field.SALT, value, "must be a JSON string");
    }
    return value.textValue();
  }

  private List<String> list(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      return error(field, value, "must be a JSON array of strings, e.g. [\"shopper_001\"]");
    }
    List<String> ids = new ArrayList<>();
    boolean allStrings = true;
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemField = field + "[" + i + "]";
      if (!item.isTextual()) {
        allStrings = false;
        error(itemField, item, "must be a JSON string");
      } else if (item.textValue().isBlank()) {
        // a blank id matches no shopper (blank means "no shopper"), so the item does nothing
        problems.add(
            ConfigProblem.warning(flag, itemField, item.toString(), "blank entry, ignored"));
      } else {
        ids.add(item.textValue().strip());
      }
    }
    return allStrings ? ids : null;
  }

  private <T> T error(String field, JsonNode value, String message) {
    problems.add(ConfigProblem.error(flag, field, value.toString(), message));
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
