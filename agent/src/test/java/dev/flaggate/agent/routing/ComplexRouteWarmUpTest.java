package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

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

  @Test
  void startsOnceBothAskedForAndRoutingStarted_delayedFromRoutingStart() {
    long delay = TimeUnit.MILLISECONDS.toNanos(ComplexRouteWarmUp.DELAY_MILLIS);

    ComplexRouteWarmUp.Trigger askedFirst = new ComplexRouteWarmUp.Trigger();
    assertEquals(ComplexRouteWarmUp.Trigger.NOT_DUE, askedFirst.requested(), "not before routing starts");
    assertEquals(1_000 + delay, askedFirst.routingStarted(1_000));
    assertEquals(ComplexRouteWarmUp.Trigger.NOT_DUE, askedFirst.requested(), "once only");

    ComplexRouteWarmUp.Trigger routingFirst = new ComplexRouteWarmUp.Trigger();
    assertEquals(ComplexRouteWarmUp.Trigger.NOT_DUE, routingFirst.routingStarted(5_000), "not unless asked for");
    assertEquals(5_000 + delay, routingFirst.requested(), "still from the start of routing");
    assertEquals(ComplexRouteWarmUp.Trigger.NOT_DUE, routingFirst.requested(), "once only");
  }
}
