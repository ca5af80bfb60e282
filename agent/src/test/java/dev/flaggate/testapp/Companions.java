package dev.flaggate.testapp;

import dev.flaggate.FlagGated;

/** A gated method whose shadow and dual-run modes come from companion flags, as in the seed. */
public class Companions {

  @FlagGated(value = "EVENTS", legacy = "legacyPublish", shadowFlag = "EVENTS_SHADOW", dualRunFlag = "EVENTS_DUAL")
  public String publish(String shopperId) {
    Trace.ran("new");
    return "new";
  }

  private String legacyPublish(String shopperId) {
    Trace.ran("legacy");
    return "legacy";
  }
}
