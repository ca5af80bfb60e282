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

  /**
   * Gated, and its return type is the missing one: its shadow and dual-run route cannot be linked,
   * nor even a handle to its legacy, yet its calls must still be answered (by legacy, null here).
   */
  @FlagGated(value = "NOTIFY_V2", legacy = "legacyFindPlugin")
  public Plugin findPlugin(String shopperId) {
    if (FlagGate.inShadow()) {
      throw new IllegalStateException("the new body ran as a secondary; the route was not supposed to link");
    }
    return null;
  }

  private Plugin legacyFindPlugin(String shopperId) {
    LEGACY_FIND_CALLS.incrementAndGet();
    return null;
  }

  /** Calls of {@link #legacyFindPlugin}: each findPlugin call must run it exactly once. */
  public static final java.util.concurrent.atomic.AtomicInteger LEGACY_FIND_CALLS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Gated, and one of its parameters has the missing type (the caller passes null, as code with an
   * optional dependency does): again no route can be linked, and legacy must answer every call.
   */
  @FlagGated(value = "NOTIFY_V2", legacy = "legacyNotifyWith")
  public String notifyWith(String shopperId, Plugin plugin) {
    if (FlagGate.inShadow()) {
      throw new IllegalStateException("the new body ran as a secondary; the route was not supposed to link");
    }
    return "new-with:" + shopperId;
  }

  private String legacyNotifyWith(String shopperId, Plugin plugin) {
    return "legacy-with:" + shopperId;
  }

  /** Never called: only its signature names the missing type. */
  public void install(Plugin plugin) {
    throw new UnsupportedOperationException("never called");
  }
}
