package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The warm-up links and runs a complex route of every shape it covers (any failure propagates
 * here, where the warm-up thread would swallow it), with no router at all, so it can neither decide,
 * count nor log, and it leaves no decision pending on the thread.
 */
class ComplexRouteWarmUpTest {

  @Test
  void everyShapeLinksAndRuns_andNothingOfTheApplicationsIsTouched() throws Throwable {
    new ComplexRouteWarmUp().warmUp(); // without a router: any decision, count or line would fail here

    assertNull(ExecutionContext.current().pending, "no decision left pending on the thread");
  }
}
