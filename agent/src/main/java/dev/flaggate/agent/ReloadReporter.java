package dev.flaggate.agent;

import dev.flaggate.agent.config.ConfigProblem;
import dev.flaggate.agent.config.ConfigReloader;
import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.ComplexRouteWarmUp;
import dev.flaggate.agent.routing.SiteRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs and counts each reload of the flag file ({@code config_reloads_total{result}}), and asks for
 * the complex-route warm-up when a reload turns shadow mode or dual-run on. Also tells the bad
 * environment variables that turn a flag off, the environment being the file's fallback.
 */
final class ReloadReporter implements ConfigReloader.Reporter, RolloutEngine.EnvironmentProblems {

  private final AgentEvents events;
  private final AgentMetrics metrics;
  /**
   * The engine once routing has started, else null: the content read before that is looked at by
   * {@link RoutingStart}, and the warm-up's classes must not load before the bridge is in place.
   */
  private volatile RolloutEngine routedEngine;
  private volatile SiteRegistry routedSites;

  ReloadReporter(AgentEvents events, AgentMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * Routing has started: from now on a reload that turns shadow mode or dual-run on asks for the
   * warm-up, and every reload has the gated methods drop the rules of the snapshot before.
   */
  void routingStarted(RolloutEngine engine, SiteRegistry sites) {
    routedSites = sites;
    routedEngine = engine;
  }

  @Override
  public void applied(Path file, List<String> changes, List<String> problems) {
    SiteRegistry sites = routedSites;
    if (sites != null) {
      sites.forgetRules();
    }
    RolloutEngine engine = routedEngine;
    if (engine != null && engine.snapshot().usesShadowOrDualRun()) {
      ComplexRouteWarmUp.request(); // at most once per JVM; the first such calls then find their forms linked
    }
    metrics.configReload(changes.isEmpty() ? AgentMetrics.RELOAD_UNCHANGED : AgentMetrics.RELOAD_APPLIED);
    List<String> lines = new ArrayList<>(changes);
    if (changes.isEmpty()) {
      lines.add("no flag changed");
    }
    events.configReloaded(lines);
    for (String problem : problems) {
      events.warning("config_problem", file + ": " + problem, null);
    }
  }

  @Override
  public void rejected(Path file, String problem) {
    metrics.configReload(AgentMetrics.RELOAD_REJECTED);
    events.configRejected(file + ": " + problem);
  }

  @Override
  public void deleted(Path file) {
    metrics.configReload(AgentMetrics.RELOAD_DELETED);
    events.warning("config_deleted", file + " was deleted; the last readable content stays in effect", null);
  }

  @Override
  public void badVariables(String flag, List<ConfigProblem> problems) {
    for (ConfigProblem problem : problems) {
      events.warning("config_problem", "environment: " + problem, null);
    }
  }

  @Override
  public void watcherProblem(Path file, String problem) {
    events.warning("config_watch_problem", file + ": " + problem, null);
  }
}
