package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract 6: a shadow/dual-run call site that cannot be linked answers with legacy, and says so. */
class ComplexLinkFallbackTest {

  private final List<String> faults = new ArrayList<>();

  @Test
  @DisplayName("contract 6: the complex route cannot be linked (gated method not found): calls run legacy, an agent fault is reported")
  void unlinkableComplexRoute_answersWithLegacy() throws Throwable {
    SiteRegistry sites = new SiteRegistry();
    // the gated method's name matches nothing in the class, so linking the complex route fails
    int site = sites.register(new SiteDescriptor(Greeter.class.getName(), "noSuchMethod", "(Ljava/lang/String;)Ljava/lang/String;", false, "legacyGreet", "F",
        null, null, "dev.flaggate.ResultComparator$Equality", true));
    Router router = router(sites);
    MethodType type = MethodType.methodType(Object.class, Greeter.class, String.class);

    CallSite linked = router.linkComplexCall(MethodHandles.lookup().in(Greeter.class), type, site);

    assertEquals("legacy hello s1", linked.dynamicInvoker().invoke(new Greeter(), "s1"));
    assertEquals(1, faults.size(), faults.toString());
    assertTrue(faults.get(0).contains("noSuchMethod") || faults.get(0).contains("Greeter"), faults.toString());
  }

  @Test
  @DisplayName("a void method without legacy: the fallback does nothing and answers null")
  void unlinkableVoidWithoutLegacy_doesNothing() throws Throwable {
    SiteRegistry sites = new SiteRegistry();
    int site = sites.register(new SiteDescriptor(Greeter.class.getName(), "noSuchMethod", "(Ljava/lang/String;)V", true, null, "F",
        null, null, "dev.flaggate.ResultComparator$Equality", true));
    MethodType type = MethodType.methodType(Object.class, String.class);

    CallSite linked = router(sites).linkComplexCall(MethodHandles.lookup().in(Greeter.class), type, site);

    assertNull(linked.dynamicInvoker().invoke("s1"));
  }

  private Router router(SiteRegistry sites) {
    RoutingTelemetry telemetry = flag -> new QuietTelemetry() {
      @Override public void agentFault(String where, Throwable error) {
        faults.add(where + ": " + error);
      }
    };
    return new Router(sites, new RolloutEngine(new EnvironmentSource(Map.of())), telemetry,
        new SecondaryExecutor(RoutingOptions.DEFAULTS), RoutingOptions.DEFAULTS, System::nanoTime);
  }

  /** Stands in for an application's gated class. */
  static final class Greeter {
    private String legacyGreet(String shopperId) {
      return "legacy hello " + shopperId;
    }
  }
}
