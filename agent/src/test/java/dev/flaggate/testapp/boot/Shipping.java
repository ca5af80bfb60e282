package dev.flaggate.testapp.boot;

import dev.flaggate.FlagGated;
import dev.flaggate.testapp.Trace;

/** The gated class of the nested-jar application, with a companion flag for shadow mode. */
public class Shipping {

  @FlagGated(value = "BOOT_SHIPPING_V2", legacy = "legacyQuote", shadowFlag = "BOOT_SHIPPING_SHADOW")
  public String quote(String shopperId) {
    Trace.ran("new");
    return "new-quote";
  }

  private String legacyQuote(String shopperId) {
    Trace.ran("legacy");
    return "legacy-quote";
  }
}
