package dev.flaggate.demo.tour;

import static dev.flaggate.demo.pipeline.Feature.CANONICAL;
import static dev.flaggate.demo.pipeline.Feature.GATEWAY;
import static dev.flaggate.demo.pipeline.Feature.ROUTING;

import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.traffic.Shoppers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tour's curriculum: the guide's phases in its order (contract section 9), the rollback included,
 * then the routing and gateway migrations in the same spirit. Expectations here are written from the
 * guide, not read from the files, so the tour checks the files as well as the agent.
 */
final class Phases {

  static final String SHADOW_FLAG = "WHATSAPP_CANONICAL_SHADOW_MODE";
  static final String CANARIES = "shopper_001..003";
  static final int[] PERCENTS = {5, 10, 25, 50, 100};

  private Phases() {}

  static List<Phase> tour(List<String> shoppers) {
    List<Phase> phases = new ArrayList<>();
    String flag = CANONICAL.flag();
    Set<String> canaries = Shoppers.CANARIES;
    Set<String> test = Set.of(Shoppers.TEST_SHOPPER);

    phases.add(new Phase("dev", "dev.json", CANONICAL, legacyEverywhere(),
        new Phase.Probe(flag, Shoppers.TEST_SHOPPER, false, null),
        List.of(Checks.applied(), Checks.worksNormally(), Checks.noCanonicalEvent(), Checks.logsShowFlagOff(flag),
            Checks.routes(CANONICAL, "legacy answers everyone"))));

    Expectation staging = new Expectation(CANONICAL, Audience.only(Shoppers.TEST_SHOPPER, test), Route.SHADOW_COMPARED);
    phases.add(new Phase("staging", "staging.json", CANONICAL, with(staging),
        new Phase.Probe(flag, Shoppers.TEST_SHOPPER, true, "allowlist"),
        List.of(Checks.applied(), Checks.shadowGeneratedNotProcessed(), Checks.dualRunActive(CANONICAL),
            Checks.onlyGeneratesEvents(test), Checks.logsShowComparison(flag), Checks.noCriticalDivergence(CANONICAL),
            Checks.routes(CANONICAL, "new code ran for shopper_test_001 only, in shadow"), Checks.othersUnchanged())));

    Expectation canary = new Expectation(CANONICAL, Audience.only(CANARIES, canaries), Route.SHADOW_COMPARED);
    phases.add(canary("canary", canary, new Phase.Probe(flag, "shopper_001", true, "allowlist")));

    phases.add(new Phase("rollback", "rollback.json", CANONICAL, legacyEverywhere(),
        new Phase.Probe(flag, "shopper_001", false, "disabled"),
        List.of(Checks.applied(), Checks.killSwitch(flag, canaries), Checks.legacyStillWorking(CANONICAL),
            Checks.noCanonicalEvent(), Checks.routes(CANONICAL, "new code ran for nobody"), Checks.othersUnchanged())));

    phases.add(canary("canary again", canary, new Phase.Probe(flag, "shopper_001", true, "allowlist")));

    int previous = 0;
    String previousName = null;
    for (int percent : PERCENTS) {
      Expectation expectation = new Expectation(CANONICAL,
          Audience.allowlistPlusPercent(flag, CANARIES, canaries, percent), Route.SHADOW_COMPARED);
      String probeShopper = firstInBuckets(shoppers, flag, previous, percent, canaries);
      List<Check> checks = new ArrayList<>(List.of(Checks.applied(),
          Checks.routes(CANONICAL, "new code ran for the canaries + " + percent + "%, in shadow"),
          Checks.dualRunActive(CANONICAL), Checks.errorRate(CANONICAL), Checks.latencyAdded(),
          Checks.noCriticalDivergence(CANONICAL), Checks.agentCountedDivergences(CANONICAL)));
      if (previousName != null) {
        checks.add(Checks.onlyAdds(CANONICAL, previousName));
      }
      checks.add(Checks.othersUnchanged());
      String name = "percent " + percent;
      phases.add(new Phase(name, "percent-" + percent + ".json", CANONICAL, with(expectation),
          new Phase.Probe(flag, probeShopper, true, "percent"), checks));
      previous = percent;
      previousName = name;
    }

    Expectation cutover = new Expectation(CANONICAL, Audience.everyone(), Route.NEW_ONLY);
    phases.add(new Phase("cutover", "cutover.json", CANONICAL, with(cutover),
        new Phase.Probe(SHADOW_FLAG, "shopper_001", false, "disabled"),
        List.of(Checks.applied(), Checks.routes(CANONICAL, "new pipeline answers everyone"),
            Checks.legacySwitchedOff(CANONICAL), Checks.notCompared(CANONICAL), Checks.publishedEveryMessage(),
            Checks.errorRate(CANONICAL), Checks.latencyAdded(), Checks.othersUnchanged())));

    // routing: dual-run with the NEW code answering (contract 6, row "no shadow, dual-run"), then cutover
    String routing = ROUTING.flag();
    Expectation routingDual = new Expectation(ROUTING,
        Audience.allowlistPlusPercent(routing, CANARIES, canaries, 50), Route.NEW_ANSWERS_COMPARED);
    phases.add(new Phase("routing dual-run", "routing-dual-run.json", ROUTING, with(cutover, routingDual),
        new Phase.Probe(routing, "shopper_001", true, "allowlist"),
        List.of(Checks.applied(), Checks.routes(ROUTING, "new routing answers canaries + 50%, legacy beside it"),
            Checks.dualRunActive(ROUTING), Checks.noCriticalDivergence(ROUTING), Checks.agentCountedDivergences(ROUTING),
            Checks.routedEveryMessage(), Checks.errorRate(ROUTING), Checks.othersUnchanged())));

    Expectation routingAll = new Expectation(ROUTING, Audience.everyone(), Route.NEW_ONLY);
    phases.add(new Phase("routing cutover", "routing-cutover.json", ROUTING, with(cutover, routingAll),
        new Phase.Probe(routing, firstOutside(shoppers, routing, 50, canaries), true, "enabled"),
        List.of(Checks.applied(), Checks.routes(ROUTING, "new routing answers everyone"),
            Checks.legacySwitchedOff(ROUTING), Checks.notCompared(ROUTING), Checks.routedEveryMessage(),
            Checks.othersUnchanged())));

    // gateway: a side effect, so shadow WITHOUT comparison, guarded by FlagGate.inShadow(); then cutover
    // with the seed's one-shopper rollback (denylist) for shopper_problematico
    String gateway = GATEWAY.flag();
    Expectation gatewayShadow = new Expectation(GATEWAY,
        Audience.allowlistPlusPercent(gateway, CANARIES, canaries, 25), Route.SHADOW);
    phases.add(new Phase("gateway shadow", "gateway-shadow.json", GATEWAY, with(cutover, routingAll, gatewayShadow),
        new Phase.Probe(gateway, "shopper_001", true, "allowlist"),
        List.of(Checks.applied(), Checks.routes(GATEWAY, "new gateway in shadow for canaries + 25%"),
            Checks.shadowNeverSends(), Checks.notCompared(GATEWAY), Checks.noSecondaryErrors(GATEWAY),
            Checks.othersUnchanged())));

    Expectation gatewayAll = new Expectation(GATEWAY, Audience.everyoneBut(Shoppers.PROBLEM_SHOPPER), Route.NEW_ONLY);
    phases.add(new Phase("gateway cutover", "gateway-cutover.json", GATEWAY, with(cutover, routingAll, gatewayAll),
        new Phase.Probe(gateway, Shoppers.PROBLEM_SHOPPER, false, "denylist"),
        List.of(Checks.applied(), Checks.routes(GATEWAY, "new gateway for everyone but shopper_problematico (denylist)"),
            Checks.worksNormally(), Checks.notCompared(GATEWAY), Checks.errorRate(GATEWAY), Checks.othersUnchanged())));
    return List.copyOf(phases);
  }

  private static Phase canary(String name, Expectation canary, Phase.Probe probe) {
    return new Phase(name, "canary.json", CANONICAL, with(canary), probe,
        List.of(Checks.applied(), Checks.routes(CANONICAL, "new code ran for " + CANARIES + " only, in shadow"),
            Checks.errorRate(CANONICAL), Checks.latencyAdded(), Checks.noCriticalDivergence(CANONICAL),
            Checks.structuredLogs(CANONICAL), Checks.othersUnchanged()));
  }

  private static Map<Feature, Expectation> legacyEverywhere() {
    return with();
  }

  private static Map<Feature, Expectation> with(Expectation... expectations) {
    Map<Feature, Expectation> all = new EnumMap<>(Feature.class);
    for (Feature feature : Feature.values()) {
      all.put(feature, Expectation.legacy(feature));
    }
    for (Expectation expectation : expectations) {
      all.put(expectation.feature(), expectation);
    }
    return all;
  }

  /** A shopper that a raise from {@code from}% to {@code to}% switches on: its answer must change. */
  static String firstInBuckets(List<String> shoppers, String flag, int from, int to, Set<String> allowlisted) {
    for (String shopper : shoppers) {
      int bucket = Bucket.of(flag, shopper);
      if (!allowlisted.contains(shopper) && bucket >= from && bucket < to) {
        return shopper;
      }
    }
    throw new IllegalStateException("no shopper in buckets " + from + ".." + (to - 1) + ": the population is too small");
  }

  private static String firstOutside(List<String> shoppers, String flag, int percent, Set<String> allowlisted) {
    return firstInBuckets(shoppers, flag, percent, 100, allowlisted);
  }
}
