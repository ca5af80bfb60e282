package dev.flaggate.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells the runtime thread when the bridge is in the bootstrap class loader.
 *
 * <p>The runtime starts before {@code premain} injects the bridge, so that its hundreds of
 * milliseconds of class loading overlap the injection; but no class that names a bridge type may
 * load before the bridge is there, or the system loader would define a second copy of it from the
 * agent jar. So the runtime does everything that needs no bridge type, then waits here.
 */
final class BridgeGate {

  private static final long WAIT_SECONDS = 60;

  private final CountDownLatch decided = new CountDownLatch(1);
  private volatile boolean injected;

  void opened(boolean bridgeInjected) {
    injected = bridgeInjected;
    decided.countDown();
  }

  /** Whether the bridge is in place; false if premain failed or never said so in time. */
  boolean await() {
    try {
      return decided.await(WAIT_SECONDS, TimeUnit.SECONDS) && injected;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
