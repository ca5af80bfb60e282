package dev.flaggate.testapp.optional;

import dev.flaggate.FlagGate;
import dev.flaggate.FlagGated;
import java.util.concurrent.CountDownLatch;

/**
 * A gated class that also declares a method naming {@link Plugin}, an optional dependency absent at
 * run time. Java runs such a class as long as that method is never called; so must the agent.
 */
public class Notifier {

  /** Counted down by each run of the new body as a secondary: the app waits for both. */
  public static final CountDownLatch SECONDARIES = new CountDownLatch(2);

  @FlagGated(value = "NOTIFY_V2", legacy = "legacyNotify")
  public String notify(String shopperId) {
    if (FlagGate.inShadow()) {
      SECONDARIES.countDown();
    }
    return "new:" + shopperId;
  }

  private String legacyNotify(String shopperId) {
    return "legacy:" + shopperId;
  }

  /** Never called: only its signature names the missing type. */
  public void install(Plugin plugin) {
    throw new UnsupportedOperationException("never called");
  }
}
