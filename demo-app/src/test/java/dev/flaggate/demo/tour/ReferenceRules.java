package dev.flaggate.demo.tour;

import java.util.List;
import java.util.Map;

/**
 * Contract section 3, written out plainly for the tests: the decision a flag file gives one shopper.
 * A reference to check the phase files against, independent of the agent.
 */
final class ReferenceRules {

  private final Map<String, Object> flags;

  @SuppressWarnings("unchecked")
  ReferenceRules(Object config) {
    this.flags = (Map<String, Object>) ((Map<String, Object>) config).get("flags");
  }

  @SuppressWarnings("unchecked")
  boolean on(String flag, String shopper) {
    Map<String, Object> entry = (Map<String, Object>) flags.get(flag);
    if (entry == null || Boolean.FALSE.equals(entry.get("active"))) {
      return false; // row 1: no effective config (no environment variables in the tests)
    }
    if (!Boolean.TRUE.equals(entry.get("enabled"))) {
      return false; // row 3: kill switch
    }
    if (((List<Object>) entry.getOrDefault("denylist", List.of())).contains(shopper)) {
      return false; // row 4
    }
    List<Object> allowlist = (List<Object>) entry.get("allowlist");
    if (allowlist != null && allowlist.contains(shopper)) {
      return true; // row 5
    }
    if (entry.containsKey("percent_rollout")) {
      String salt = (String) entry.getOrDefault("salt", flag);
      return Bucket.of(salt, shopper) < ((Long) entry.get("percent_rollout")); // row 6
    }
    return allowlist == null; // row 7, else row 8
  }

  @SuppressWarnings("unchecked")
  boolean field(String flag, String field) {
    Map<String, Object> entry = (Map<String, Object>) flags.get(flag);
    return entry != null && Boolean.TRUE.equals(entry.get(field));
  }
}
