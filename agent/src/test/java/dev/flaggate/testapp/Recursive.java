package dev.flaggate.testapp;

import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;

/** A gated method that recurses into itself, in both of its bodies, as a tree walk would. */
public class Recursive {

  @FlagGated(value = "RECURSIVE_V2", legacy = "legacyDepth")
  public int depth(@ShopperId String shopperId, int levels) {
    Trace.ran("new");
    return levels == 0 ? 0 : 1 + depth(shopperId, levels - 1);
  }

  private int legacyDepth(String shopperId, int levels) {
    Trace.ran("legacy");
    return levels == 0 ? 0 : 1 + depth(shopperId, levels - 1);
  }
}
