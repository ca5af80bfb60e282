package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
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
