package dev.flaggate.demo.tour;

import dev.flaggate.Decision;
import dev.flaggate.FlagGate;
import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.pipeline.PipelineMetrics;
import dev.flaggate.demo.pipeline.RunLedger;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/** The guide's checklist items, each computed from a {@link PhaseResult}. */
final class Checks {

  /** The guide's canary bound on error rate: 0.1 %. */
  static final double MAX_ERROR_RATE = 0.001;
  /** The guide's canary bound on added latency: p95 within 100 ms of the dev phase. */
  static final double MAX_ADDED_P95_MS = 100;

  private Checks() {}

  static Check applied() {
    return new Check("agent applied the file (hot reload, no restart)", r -> Check.Outcome.of(r.applied,
        r.applied ? "in effect after " + r.applyMillis + " ms" : "not in effect after " + r.applyMillis + " ms: "
            + r.phase.probe() + " never held"));
  }

  /** The focus migration ran exactly as the phase's expectation says, shopper by shopper. */
  static Check routes(Feature feature, String name) {
    return new Check(name, r -> routesOutcome(r, feature));
  }

  /** The migrations this phase is not about did not move. */
  static Check othersUnchanged() {
    return new Check("other migrations unchanged", r -> {
      for (Feature feature : Feature.values()) {
        if (feature != r.phase.focus()) {
          Check.Outcome outcome = routesOutcome(r, feature);
          if (!outcome.pass()) {
            return Check.Outcome.of(false, feature.label() + ": " + outcome.detail());
          }
        }
      }
      return Check.Outcome.of(true, "as the previous phases left them");
    });
  }

  static Check worksNormally() {
    return new Check("system works normally", r -> {
      long sends = r.demo(PipelineMetrics.PROVIDER_SENDS);
      long assigned = r.demo(PipelineMetrics.ROUTING_ASSIGNMENTS);
      boolean pass = r.callerErrors == 0 && sends == r.messages && assigned == r.messages;
      return Check.Outcome.of(pass, r.messages + " messages, " + r.callerErrors + " errors, " + assigned
          + " routed, " + sends + " replies sent");
    });
  }

  static Check noCanonicalEvent() {
    return new Check("no canonical event is generated", r -> {
      int lines = r.canonicalLines().size();
      long published = r.demo(PipelineMetrics.CANONICAL_PUBLISHED);
      return Check.Outcome.of(lines == 0 && published == 0, lines + " CANONICAL_EVENT lines, " + published + " published");
    });
  }

  static Check logsShowFlagOff(String flag) {
    return new Check("logs show the flag off, no shadow run", r -> {
      List<String> lines = r.featureFlagLines(flag);
      long on = lines.stream().filter(line -> Boolean.TRUE.equals(PhaseResult.enabledOf(line))).count();
      long shadowRuns = r.runs(Feature.CANONICAL).secondaryRuns();
      return Check.Outcome.of(!lines.isEmpty() && on == 0 && shadowRuns == 0,
          lines.size() + " FEATURE_FLAG lines for " + flag + ", " + on + " saying on; " + shadowRuns + " shadow runs");
    });
  }

  static Check shadowGeneratedNotProcessed() {
    return new Check("shadow mode active: events generated, not processed", r -> {
      long shadowLines = r.canonicalLines().stream().filter(line -> line.contains("\"shadow\":true")).count();
      long published = r.demo(PipelineMetrics.CANONICAL_PUBLISHED);
      long legacyAnswered = r.runs(Feature.CANONICAL).legacyPrimary().size();
      return Check.Outcome.of(shadowLines > 0 && published == 0 && legacyAnswered == r.shoppers.size(),
          shadowLines + " events generated in shadow, " + published + " reached the stream, legacy answered "
              + legacyAnswered + "/" + r.shoppers.size() + " shoppers");
    });
  }

  static Check dualRunActive(Feature feature) {
    return new Check("dual-run active: every secondary run compared", r -> {
      RunLedger.Runs runs = r.runs(feature);
      return Check.Outcome.of(runs.secondaryRuns() > 0 && runs.comparisons() == runs.secondaryRuns(),
          runs.secondaryRuns() + " secondary runs, " + runs.comparisons() + " comparisons");
    });
  }

  static Check notCompared(Feature feature) {
    return new Check("no comparison", r -> {
      long comparisons = r.runs(feature).comparisons();
      OptionalDouble agent = r.agentDelta("divergence_count_total", "flag", feature.flag());
      long lines = r.dualRunLines(feature.flag());
      boolean pass = comparisons == 0 && lines == 0 && (agent.isEmpty() || agent.getAsDouble() == 0);
      return Check.Outcome.of(pass, comparisons + " comparisons, " + lines + " DUAL_RUN lines");
    });
  }

  static Check onlyGeneratesEvents(Set<String> expected) {
    return new Check("only " + String.join(", ", expected) + " generate events", r -> {
      Set<String> generating = new LinkedHashSet<>();
      for (String line : r.canonicalLines()) {
        int at = line.indexOf("\"shopper_id\":\"");
        if (at >= 0) {
          int start = at + 14;
          generating.add(line.substring(start, line.indexOf('"', start)));
        }
      }
      return Check.Outcome.of(generating.equals(expected), "CANONICAL_EVENT lines from " + summary(generating));
    });
  }

  static Check logsShowComparison(String flag) {
    return new Check("logs show legacy-vs-new comparison", r -> {
      long lines = r.dualRunLines(flag);
      return Check.Outcome.of(lines > 0, lines + " DUAL_RUN lines for " + flag);
    });
  }

  static Check noCriticalDivergence(Feature feature) {
    return new Check("no critical divergence", r -> {
      RunLedger.Runs runs = r.runs(feature);
      return Check.Outcome.of(runs.critical() == 0, runs.divergences() + " divergences, " + runs.critical()
          + " critical" + (runs.criticalSamples().isEmpty() ? "" : " e.g. " + runs.criticalSamples().get(0)));
    });
  }

  static Check agentCountedDivergences(Feature feature) {
    return new Check("agent counted every divergence", r -> {
      OptionalDouble agent = r.agentDelta("divergence_count_total", "flag", feature.flag());
      long seen = r.runs(feature).divergences();
      if (agent.isEmpty()) {
        return Check.Outcome.of(false, "agent metrics unavailable (" + r.agentUnavailable + ")");
      }
      return Check.Outcome.of((long) agent.getAsDouble() == seen,
          "divergence_count_total +" + (long) agent.getAsDouble() + ", comparator saw " + seen);
    });
  }

  static Check errorRate(Feature feature) {
    return new Check("error rate < 0.1 %", r -> {
      OptionalDouble secondaryErrors = r.agentDelta("secondary_errors_total", "flag", feature.flag());
      if (secondaryErrors.isEmpty()) {
        return Check.Outcome.of(false, "agent metrics unavailable (" + r.agentUnavailable + ")");
      }
      long errors = r.callerErrors + r.demo(PipelineMetrics.CANONICAL_PUBLISH_FAIL) + (long) secondaryErrors.getAsDouble();
      double rate = r.messages == 0 ? 0 : (double) errors / r.messages;
      return Check.Outcome.of(rate < MAX_ERROR_RATE, String.format("%d errors / %d messages = %.3f %% (caller %d, "
          + "publish %d, secondary %d)", errors, r.messages, rate * 100, r.callerErrors,
          r.demo(PipelineMetrics.CANONICAL_PUBLISH_FAIL), (long) secondaryErrors.getAsDouble()));
    });
  }

  static Check latencyAdded() {
    return new Check("p95 latency < 100 ms added", r -> {
      double added = r.callerP95Ms - r.baselineP95Ms;
      return Check.Outcome.of(added < MAX_ADDED_P95_MS, String.format("caller p95 %.3f ms vs %.3f ms in dev: %+.3f ms",
          r.callerP95Ms, r.baselineP95Ms, added));
    });
  }

  static Check structuredLogs(Feature feature) {
    return new Check("structured logs working", r -> {
      List<String> checks = r.featureFlagLines(feature.flag());
      long withFields = checks.stream().filter(PhaseResult::hasSeedFields).count();
      int events = r.canonicalLines().size();
      long dualRun = r.dualRunLines(feature.flag());
      boolean needDualRun = r.runs(feature).divergences() > 0;
      boolean pass = withFields > 0 && withFields == checks.size() && (feature != Feature.CANONICAL || events > 0)
          && (!needDualRun || dualRun > 0);
      return Check.Outcome.of(pass, withFields + "/" + checks.size() + " FEATURE_FLAG lines with the seed's fields, "
          + events + " CANONICAL_EVENT, " + dualRun + " DUAL_RUN");
    });
  }

  static Check killSwitch(String flag, Set<String> shoppers) {
    return new Check("FLAG=false turns the canaries off", r -> {
      StringBuilder detail = new StringBuilder();
      boolean pass = true;
      for (String shopper : new java.util.TreeSet<>(shoppers)) {
        Decision decision = FlagGate.evaluate(flag, shopper);
        pass &= !decision.enabled() && decision.reason().equals("disabled");
        detail.append(detail.length() == 0 ? "" : ", ").append(shopper).append(": ")
            .append(decision.enabled() ? "on" : "off").append(" [").append(decision.reason()).append(']');
      }
      return Check.Outcome.of(pass, detail.toString());
    });
  }

  static Check legacyStillWorking(Feature feature) {
    return new Check("legacy still working", r -> {
      int answered = r.runs(feature).legacyPrimary().size();
      return Check.Outcome.of(r.callerErrors == 0 && answered == r.shoppers.size(),
          "legacy answered " + answered + "/" + r.shoppers.size() + " shoppers, " + r.callerErrors + " errors");
    });
  }

  static Check onlyAdds(Feature feature, String previousPhase) {
    return new Check("raising the percent only adds shoppers", r -> {
      Set<String> before = r.earlier.get(previousPhase);
      Set<String> now = observedOn(r.runs(feature));
      if (before == null) {
        return Check.Outcome.of(false, "phase " + previousPhase + " was not observed");
      }
      Set<String> dropped = new HashSet<>(before);
      dropped.removeAll(now);
      return Check.Outcome.of(dropped.isEmpty(), before.size() + " -> " + now.size() + " shoppers, "
          + dropped.size() + " dropped");
    });
  }

  static Check legacySwitchedOff(Feature feature) {
    return new Check("legacy can be switched off: it ran for nobody", r -> {
      RunLedger.Runs runs = r.runs(feature);
      int legacy = runs.legacyPrimary().size() + runs.legacySecondary().size();
      return Check.Outcome.of(legacy == 0 && runs.secondaryRuns() == 0,
          "legacy ran for " + legacy + " shoppers, " + runs.secondaryRuns() + " secondary runs");
    });
  }

  static Check publishedEveryMessage() {
    return new Check("every message published as a canonical event", r -> {
      long published = r.demo(PipelineMetrics.CANONICAL_PUBLISHED);
      return Check.Outcome.of(published == r.messages, published + " published / " + r.messages + " messages");
    });
  }

  static Check routedEveryMessage() {
    return new Check("routing_assignments_count +1 per message", r -> {
      long assigned = r.demo(PipelineMetrics.ROUTING_ASSIGNMENTS);
      return Check.Outcome.of(assigned == r.messages, assigned + " assignments / " + r.messages + " messages");
    });
  }

  static Check shadowNeverSends() {
    return new Check("shadow never sends: one reply per message", r -> {
      long sends = r.demo(PipelineMetrics.PROVIDER_SENDS);
      long shadowRuns = r.runs(Feature.GATEWAY).secondaryRuns();
      return Check.Outcome.of(sends == r.messages && shadowRuns > 0,
          sends + " sends / " + r.messages + " messages, " + shadowRuns + " shadow runs of the new gateway");
    });
  }

  static Check noSecondaryErrors(Feature feature) {
    return new Check("secondary errors counted: none", r -> {
      OptionalDouble errors = r.agentDelta("secondary_errors_total", "flag", feature.flag());
      OptionalDouble skipped = r.agentDelta("secondary_skipped_total", "flag", feature.flag());
      if (errors.isEmpty()) {
        return Check.Outcome.of(false, "agent metrics unavailable (" + r.agentUnavailable + ")");
      }
      return Check.Outcome.of(errors.getAsDouble() == 0, (long) errors.getAsDouble() + " errors, "
          + (long) skipped.orElse(0) + " skipped");
    });
  }

  static Set<String> observedOn(RunLedger.Runs runs) {
    Set<String> on = new HashSet<>(runs.newPrimary());
    on.addAll(runs.newSecondary());
    return on;
  }

  private static Check.Outcome routesOutcome(PhaseResult r, Feature feature) {
    Expectation expectation = r.phase.expectation(feature);
    Set<String> on = expectation.on(r.shoppers);
    Route route = expectation.route();
    Set<String> none = Set.of();
    Set<String> expectedLegacyPrimary = new LinkedHashSet<>(r.shoppers);
    if (route.newAnswers) {
      expectedLegacyPrimary.removeAll(on);
    }
    RunLedger.Runs runs = r.runs(feature);
    String mismatch = firstMismatch("new code answered", runs.newPrimary(), route.newAnswers ? on : none);
    if (mismatch == null) {
      mismatch = firstMismatch("new code ran in shadow", runs.newSecondary(), route.newInShadow ? on : none);
    }
    if (mismatch == null) {
      mismatch = firstMismatch("legacy answered", runs.legacyPrimary(), expectedLegacyPrimary);
    }
    if (mismatch == null) {
      mismatch = firstMismatch("legacy ran beside new", runs.legacySecondary(),
          route == Route.NEW_ANSWERS_COMPARED ? on : none);
    }
    if (mismatch != null) {
      return Check.Outcome.of(false, mismatch);
    }
    return Check.Outcome.of(true, String.format("%d/%d shoppers on (%.1f %%)", on.size(), r.shoppers.size(),
        100.0 * on.size() / r.shoppers.size()));
  }

  private static String firstMismatch(String what, Set<String> observed, Set<String> expected) {
    if (observed.equals(expected)) {
      return null;
    }
    Set<String> unexpected = new LinkedHashSet<>(observed);
    unexpected.removeAll(expected);
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(observed);
    return what + " for " + observed.size() + " shoppers, expected " + expected.size() + " (unexpected "
        + summary(unexpected) + "; missing " + summary(missing) + ")";
  }

  static String summary(Set<String> shoppers) {
    if (shoppers.isEmpty()) {
      return "none";
    }
    List<String> first = shoppers.stream().sorted().limit(3).toList();
    return shoppers.size() + ": " + String.join(", ", first) + (shoppers.size() > 3 ? ", ..." : "");
  }
}
