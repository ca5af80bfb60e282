package dev.flaggate.testapp.osgi.plugin;

import dev.flaggate.FlagGated;
import java.util.function.Function;

/** A gated service in a bundle whose loader cannot see the agent's bridge. */
public class Svc implements Function<String, String> {

  @Override
  public String apply(String shopperId) {
    return greet(shopperId);
  }

  @FlagGated(value = "BUNDLE_V2", legacy = "legacyGreet")
  public String greet(String shopperId) {
    return "new";
  }

  private String legacyGreet(String shopperId) {
    return "old";
  }
}
