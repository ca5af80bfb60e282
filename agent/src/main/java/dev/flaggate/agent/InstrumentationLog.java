package dev.flaggate.agent;

import dev.flaggate.agent.config.ConfigProblem;
import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens at class-load time, told to the operator: each gated method, each warning, each
 * method left unrouted ({@code flaggate_misconfigured_methods}). Also registers each site's flags
 * with the engine, so per-call lookups find them compiled.
 */
final class InstrumentationLog implements InstrumentationReporter {

  private final RolloutEngine engine;
  private final AgentEvents events;
  private final AgentMetrics metrics;
  /** Flags whose environment variables' problems were told: they never change, so once is enough. */
  private final Set<String> environmentTold = ConcurrentHashMap.newKeySet();

  InstrumentationLog(RolloutEngine engine, AgentEvents events, AgentMetrics metrics) {
    this.engine = engine;
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public void instrumented(SiteDescriptor site, int siteId) {
    tellEnvironmentProblems(engine.rule(site.flag()));
    if (site.shadowFlag() != null) {
      tellEnvironmentProblems(engine.rule(site.shadowFlag()));
    }
    if (site.dualRunFlag() != null) {
      tellEnvironmentProblems(engine.rule(site.dualRunFlag()));
    }
    events.instrumented(site.displayName(), site.flag(), site.legacyName(), site.shadowFlag(), site.dualRunFlag());
  }

  /**
   * A flag decided by its environment variables with a bad one ({@code F=maybe}, {@code F_PERCENT=150})
   * is off with {@code invalid_config}; this says which variable and why, as {@code config_problem}
   * lines say of the file's entries. Told with the first gated method of the flag.
   */
  private void tellEnvironmentProblems(FlagRule rule) {
    if (rule.origin() != FlagRule.Origin.ENVIRONMENT || rule.problems().isEmpty()
        || !environmentTold.add(rule.flag())) {
      return;
    }
    for (ConfigProblem problem : rule.problems()) {
      events.warning("config_problem", "environment: " + problem, null);
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
