package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.util.Map;
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
}
