package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Latency sampling of one gated method: one call in N at random, at most one per tick of the coarse clock. */
class GatedSiteSamplingTest {

  private long now = 1_000;
  private final LongSupplier clock = () -> now;

  private static GatedSite site() {
    return new GatedSite(0, new SiteDescriptor("app.Greeter", "greet", "(Ljava/lang/String;)Ljava/lang/String;", false, "legacyGreet", "F",
        null, null, "dev.flaggate.ResultComparator$Equality", true));
  }

  private static int samples(GatedSite site, int mask, LongSupplier clock, int calls) {
    int sampled = 0;
    for (int call = 0; call < calls; call++) {
      if (site.sampleNow(mask, clock)) {
        sampled++;
      }
    }
    return sampled;
  }

  @Test
  void oneCallInN_whileTheClockMovesOnEveryCall() {
    GatedSite site = site();
    LongSupplier ticking = () -> now++;
    // a random draw per call: 1,000 expected, binomial standard deviation ~31
    int sampled = samples(site, 15, ticking, 16_000);
    assertTrue(sampled > 850 && sampled < 1_150, sampled + " of 16,000 calls sampled, ~1,000 expected");
  }

  @Test
  void atMostOneSamplePerTick_whenCallsOutrunTheClock() {
    GatedSite site = site();
    assertEquals(1, samples(site, 15, clock, 10_000), "10,000 calls in one tick");
    now += 5_000_000;
    assertEquals(1, samples(site, 15, clock, 10_000), "the next tick allows one more");
  }

  @Test
  void sampleEveryCall_isNotCapped() {
    GatedSite site = site();
    assertEquals(100, samples(site, 0, clock, 100), "latency-sample=1 times every call, as asked");
  }
}
