package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warm-up links and runs a complex route of every shape it covers (any failure propagates
 * here, where the warm-up thread would swallow it), and leaves nothing of the application's touched:
 * no site registered, no flag's telemetry created, no decision left pending on the thread.
 */
class ComplexRouteWarmUpTest {

  @Test
  void everyShapeLinksAndRuns_andNothingOfTheApplicationsIsTouched() throws Throwable {
    SiteRegistry sites = new SiteRegistry();
    List<String> telemetryAskedFor = new ArrayList<>();
    Router router = new Router(sites, new RolloutEngine(new EnvironmentSource(Map.of())), flag -> {
      telemetryAskedFor.add(flag);
      throw new AssertionError("the warm-up asked for the telemetry of " + flag);
    }, new SecondaryExecutor(RoutingOptions.DEFAULTS), RoutingOptions.DEFAULTS, System::nanoTime);

    new ComplexRouteWarmUp(router).warmUp();

    assertNull(sites.get(0), "no site registered");
    assertEquals(List.of(), telemetryAskedFor, "no metric or log line can name the warm-up");
    assertNull(ExecutionContext.current().pending, "no decision left pending on the thread");
  }
}
