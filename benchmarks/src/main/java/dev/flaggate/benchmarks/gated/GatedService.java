package dev.flaggate.benchmarks.gated;

import dev.flaggate.FlagGate;
import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application class the agent rewrites. {@link #price} is gated by {@link GatedIds#FLAG};
 * {@link #legacyPrice} is its legacy, and {@link #newPriceDirect} a plain copy of its new body,
 * the baselines "calling legacy / new directly". {@link #slowPrice} runs in shadow mode, its new body
 * (the secondary) blocking for 50 ms.
 */
public class GatedService {

  static final long SECONDARY_MILLIS = 50;
  static final AtomicLong secondaryRuns = new AtomicLong();

  @FlagGated(value = GatedIds.FLAG, legacy = "legacyPrice")
  public int price(@ShopperId String shopperId, int cents) {
    return cents * 3 + 1;
  }

  int legacyPrice(String shopperId, int cents) {
    return cents * 3;
  }

  int newPriceDirect(String shopperId, int cents) {
    return cents * 3 + 1;
  }

  @FlagGated(value = GatedIds.SHADOW_FLAG, legacy = "legacySlowPrice")
  public int slowPrice(@ShopperId String shopperId, int cents) {
    if (FlagGate.inShadow()) {
      secondaryRuns.incrementAndGet();
    }
    try {
      Thread.sleep(SECONDARY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return cents * 3 + 1;
  }

  int legacySlowPrice(String shopperId, int cents) {
    return cents * 3;
  }
}
