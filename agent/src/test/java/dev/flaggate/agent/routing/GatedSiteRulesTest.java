package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.rollout.RolloutSnapshot;
import java.lang.ref.WeakReference;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules a gated method decides by: those of the snapshot last seen, and its own flag's rule read
 * from the site's field only while that field is the same rule (a racing refresh may have replaced it).
 */
class GatedSiteRulesTest {

  private final RolloutEngine engine =
      new RolloutEngine(new EnvironmentSource(Map.of("F", "true", "F_ALLOWLIST", "shopper_001")));
  private final GatedSite site = new GatedSite(0, new SiteDescriptor("app.Greeter", "greet", "(Ljava/lang/String;)Ljava/lang/String;", false, "legacyGreet",
      "F", null, null, "dev.flaggate.ResultComparator$Equality", true));

  @Test
  void flagRule_isTheFlagOfTheRulesOfTheCurrentSnapshot() {
    GatedSite.SiteRules before = site.rules(engine.snapshot());
    assertSame(before.flag(), site.flagRule(before));

    engine.fileUnreadable("flags.json: not JSON"); // a new snapshot, a new rule for F
    GatedSite.SiteRules after = site.rules(engine.snapshot());

    assertNotSame(before, after, "a new snapshot rebuilds the site's rules");
    assertNotSame(before.flag(), after.flag());
    assertSame(after.flag(), site.flagRule(after));
  }

  @Test
  void flagRule_ofRulesThatARefreshReplacedSince_isThoseRulesOwnFlag() {
    GatedSite.SiteRules seen = site.rules(engine.snapshot());
    engine.fileUnreadable("flags.json: not JSON");
    GatedSite.SiteRules refreshed = site.rules(engine.snapshot()); // another thread's refresh, say

    // the call that read `seen` decides by seen's rule, never by a mix of two snapshots
    assertSame(seen.flag(), site.flagRule(seen));
    assertNotSame(refreshed.flag(), site.flagRule(seen));
  }

  @Test
  @DisplayName("after a reload the registry has its sites forget the old rules: a method not called since keeps no old snapshot alive")
  void forgetRules_releasesTheOldSnapshot() throws InterruptedException {
    SiteRegistry sites = new SiteRegistry();
    GatedSite registered = sites.get(sites.register(site.descriptor()));
    registered.rules(engine.snapshot());
    WeakReference<RolloutSnapshot> old = new WeakReference<>(engine.snapshot());

    engine.fileUnreadable("flags.json: not JSON"); // a new snapshot; the method is not called again
    sites.forgetRules();
    for (int attempt = 0; attempt < 20 && old.get() != null; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(old.get(), "the old snapshot is held by nothing");
    assertSame(engine.snapshot(), registered.rules(engine.snapshot()).snapshot(), "the next call resolves afresh");
  }
}
