package dev.flaggate.agent;

import dev.flaggate.agent.observability.AgentEvents;
import dev.flaggate.agent.observability.CoarseClock;
import dev.flaggate.agent.observability.RoutingObserver;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.ComplexRouteWarmUp;
import dev.flaggate.agent.routing.Router;
import dev.flaggate.agent.routing.SecondaryExecutor;
import dev.flaggate.agent.routing.SiteRegistry;
import dev.flaggate.bootstrap.GatedCalls;
import java.util.function.IntSupplier;

/**
 * The last step of the runtime's start: the secondary pool and the router, handed to the bridge.
 * A class of its own because {@code Router} extends a bridge type: it must not load (nor anything
 * that names it be verified) before {@link BridgeGate} says the bridge is in the bootstrap loader.
 */
final class RoutingStart {

  private RoutingStart() {}

  static void install(AgentOptions options, SiteRegistry sites, RolloutEngine engine, AgentMetrics metrics,
      AgentEvents events, DeferredReporter reporter) {
    SecondaryExecutor secondaries = new SecondaryExecutor(options.routing());
    metrics.secondaryRunningGauge(new IntSupplier() { // not a lambda: see FlaggateAgent
      @Override
      public int getAsInt() {
        return secondaries.running();
      }
    });
    Router router = new Router(sites, engine, new RoutingObserver(metrics, events), secondaries, options.routing(),
        CoarseClock.INSTANCE);
    reporter.forwardTo(new InstrumentationLog(engine, events, metrics));
    GatedCalls.install(router);
    if (engine.snapshot().usesShadowOrDualRun()) {
      ComplexRouteWarmUp.request();
    }
    ComplexRouteWarmUp.routingStarted();
  }
}
