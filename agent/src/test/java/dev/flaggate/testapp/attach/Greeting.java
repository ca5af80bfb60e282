package dev.flaggate.testapp.attach;

import dev.flaggate.FlagGated;
import dev.flaggate.testapp.Trace;

/** Loaded, called and JIT-compiled before the agent is attached. */
public class Greeting {

  @FlagGated(value = "ATTACH_GREETING_V2", legacy = "legacyHello")
  public String hello(String shopperId) {
    Trace.ran("new");
    return "new-hello";
  }

  private String legacyHello(String shopperId) {
    Trace.ran("legacy");
    return "legacy-hello";
  }
}
