package dev.flaggate.demo.tour;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Whom a flag is on for in one phase, as the guide (contract section 9) says, with a description
 * for the table.
 *
 * @param description e.g. "shopper_001..003 + 25% of the rest"
 * @param includes the rule
 */
record Audience(String description, Predicate<String> includes) {

  static Audience nobody() {
    return new Audience("nobody", shopper -> false);
  }

  static Audience everyone() {
    return new Audience("everyone", shopper -> true);
  }

  static Audience only(String description, Set<String> shoppers) {
    return new Audience(description, shoppers::contains);
  }

  static Audience allowlistPlusPercent(String flag, String allowlistDescription, Set<String> allowlist, int percent) {
    return new Audience(allowlistDescription + " + " + percent + "% of the rest",
        shopper -> allowlist.contains(shopper) || Bucket.of(flag, shopper) < percent);
  }

  static Audience everyoneBut(String shopper) {
    return new Audience("everyone but " + shopper, other -> !other.equals(shopper));
  }

  boolean test(String shopper) {
    return includes.test(shopper);
  }
}
