package dev.flaggate.testapp;

import dev.flaggate.FlagGated;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Gated methods whose new bodies misbehave on purpose: slow, blocking, throwing, nesting. */
public class Experiments {

  /** Released by the test app to let blocked secondaries finish. */
  public static final CountDownLatch RELEASE = new CountDownLatch(1);
  public static volatile boolean slowNewFinished;

  /** Varargs: the route must pass the array as the one argument it is, on both sides. */
  @FlagGated(value = "EXPERIMENT", legacy = "legacyJoin")
  public String join(String shopperId, String... parts) {
    Trace.ran("new");
    return "new:" + String.join("+", parts);
  }

  private String legacyJoin(String shopperId, String... parts) {
    Trace.ran("legacy");
    return "legacy:" + String.join("+", parts);
  }

  @FlagGated(value = "EXPERIMENT", legacy = "legacySlow")
  public String slow(String shopperId) throws InterruptedException {
    Trace.ran("new");
    RELEASE.await(20, TimeUnit.SECONDS);
    slowNewFinished = true;
    return "new";
  }

  private String legacySlow(String shopperId) {
    Trace.ran("legacy");
    return "legacy";
  }

  @FlagGated(value = "EXPERIMENT", legacy = "legacyHang")
  public String hang(String shopperId) {
    Trace.ran("new");
    try {
      Thread.sleep(30_000);
      return "new";
    } catch (InterruptedException e) {
      Trace.ran("interrupted");
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String legacyHang(String shopperId) {
    Trace.ran("legacy");
    return "legacy";
  }

  @FlagGated(value = "EXPERIMENT", legacy = "legacyExplode")
  public String explode(String shopperId) {
    Trace.ran("new");
    throw new IllegalStateException("new code bug");
  }

  private String legacyExplode(String shopperId) {
    Trace.ran("legacy");
    return "legacy";
  }

  @FlagGated(value = "EXPERIMENT", legacy = "legacyOuter")
  public String outer(String shopperId) {
    Trace.ran("new-outer");
    return "new-outer+" + inner(shopperId);
  }

  private String legacyOuter(String shopperId) {
    Trace.ran("legacy-outer");
    return "legacy-outer";
  }

  @FlagGated(value = "EXPERIMENT", legacy = "legacyInner")
  public String inner(String shopperId) {
    Trace.ran("new-inner");
    return "new-inner";
  }

  private String legacyInner(String shopperId) {
    Trace.ran("legacy-inner");
    return "legacy-inner";
  }
}
