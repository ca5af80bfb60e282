package dev.flaggate.testapp.attach;

import dev.flaggate.FlagGated;
import dev.flaggate.testapp.Trace;

/**
 * Loaded before the agent is attached, like {@link Greeting}, and also declaring a method that names
 * {@link AbsentPlugin}, an optional dependency left off the class path at run time: reflection over
 * this class's methods fails, yet the attached agent must still route it.
 */
public class PluginGreeting {

  @FlagGated(value = "ATTACH_GREETING_V2", legacy = "legacyHello")
  public String hello(String shopperId) {
    Trace.ran("new");
    return "new-plugin-hello";
  }

  private String legacyHello(String shopperId) {
    Trace.ran("legacy");
    return "legacy-plugin-hello";
  }

  /** Never called: only its signature names the missing type. */
  public void install(AbsentPlugin plugin) {
    throw new UnsupportedOperationException("never called");
  }
}
