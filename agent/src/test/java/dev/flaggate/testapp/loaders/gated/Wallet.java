package dev.flaggate.testapp.loaders.gated;

import dev.flaggate.FlagGate;
import dev.flaggate.FlagGated;

/**
 * A gated class that is never on the system class path: the class-loader test loads it through
 * child and sibling loaders, each with the API jar beside it.
 */
public class Wallet {

  @FlagGated(value = "LOADER_WALLET_V2", legacy = "legacyBalance")
  public String balance(String shopperId) {
    return "new";
  }

  private String legacyBalance(String shopperId) {
    return "legacy";
  }

  /** What this copy sees: routing for two shoppers and its own copy of FlagGate. */
  public static String probe() {
    Wallet wallet = new Wallet();
    return "attached=" + FlagGate.agentAttached()
        + " on=" + wallet.balance("loader-on")
        + " off=" + wallet.balance("loader-off")
        + " decision=" + FlagGate.evaluate("LOADER_WALLET_V2", "loader-on")
        + " api-loader=" + FlagGate.class.getClassLoader().getName()
        + " wallet-loader=" + Wallet.class.getClassLoader().getName();
  }
}
