package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.SiteDescriptor;

/**
 * What happens at class-load time, told to the operator: each gated method, each warning, each
 * method left unrouted ({@code flaggate_misconfigured_methods}). Also registers each site's flags
 * with the engine, so per-call lookups find them compiled.
 */
final class InstrumentationLog implements InstrumentationReporter {

  private final RolloutEngine engine;
  private final AgentEvents events;
  private final AgentMetrics metrics;

  InstrumentationLog(RolloutEngine engine, AgentEvents events, AgentMetrics metrics) {
    this.engine = engine;
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public void instrumented(SiteDescriptor site, int siteId) {
    // registered with the engine now, so that every snapshot compiles them, named in the file or
    // not (and a flag decided by bad environment variables is told now, with its first gated method)
    engine.remember(site.flag());
    engine.remember(site.shadowFlag());
    engine.remember(site.dualRunFlag());
    events.instrumented(site.displayName(), site.flag(), site.legacyName(), site.shadowFlag(), site.dualRunFlag());
    warnIfUnconfigured(site, site.shadowFlag(), "shadow", "the new code answers the shoppers " + site.flag()
        + " turns on; set it (true keeps legacy answering while the new code runs in shadow)");
    warnIfUnconfigured(site, site.dualRunFlag(), "dual-run", "nothing is compared; set it to compare");
  }

  /**
   * A companion flag the annotation names and nothing configures (a typo in the file's key, say)
   * reads as off, as the contract's default rule says; the operator hears of it, with what it means.
   */
  private void warnIfUnconfigured(SiteDescriptor site, String companion, String role, String meaning) {
    if (companion != null && engine.rule(companion).origin() == FlagRule.Origin.NONE) {
      events.warning("gated_method_warning", site.displayName() + ": its " + role + " companion flag " + companion
          + " is configured nowhere (no active file entry, no environment variable), so it is off: " + meaning, null);
    }
  }

  @Override
  public void warning(String className, String method, String message) {
    events.warning("gated_method_warning", className + "." + method + ": " + message, null);
  }

  @Override
  public void misconfigured(String className, String method, String problem, String fix) {
    metrics.misconfiguredMethod();
    events.misconfiguredMethod(className, method, problem, fix);
  }

  @Override
  public void failed(String className, Throwable error) {
    events.warning("transform_failed", className + " could not be instrumented and loads unchanged"
        + " (its gated methods run their own body)", error);
  }
}
