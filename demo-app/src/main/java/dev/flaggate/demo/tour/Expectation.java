package dev.flaggate.demo.tour;

import dev.flaggate.demo.pipeline.Feature;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the guide says one migration does in one phase: the flag's audience and the route of those
 * shoppers' calls. Everyone else stays on legacy.
 *
 * @param feature the migration
 * @param audience whom the flag is on for
 * @param route what a call of those shoppers does
 */
record Expectation(Feature feature, Audience audience, Route route) {

  static Expectation legacy(Feature feature) {
    return new Expectation(feature, Audience.nobody(), Route.LEGACY_ONLY);
  }

  Set<String> on(List<String> shoppers) {
    Set<String> on = new LinkedHashSet<>();
    if (route != Route.LEGACY_ONLY) {
      for (String shopper : shoppers) {
        if (audience.test(shopper)) {
          on.add(shopper);
        }
      }
    }
    return on;
  }

  String describe() {
    return route == Route.LEGACY_ONLY || audience.description().equals("nobody")
        ? "legacy for everyone" : "on for " + audience.description() + ": " + route.describe();
  }
}
