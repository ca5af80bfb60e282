package dev.flaggate.testapp.brokenid;

import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;

/** Gated methods whose shopper id cannot always be read. */
public class Orders {

  @FlagGated(value = "ORDERS_V2", legacy = "legacyPlace")
  public String place(@ShopperId Order order) {
    return "new";
  }

  private String legacyPlace(Order order) {
    return "legacy";
  }

  @FlagGated(value = "ORDERS_V2", legacy = "legacyCancel")
  public String cancel(@ShopperId CharSequence customer) {
    return "new";
  }

  private String legacyCancel(CharSequence customer) {
    return "legacy";
  }
}
