package dev.flaggate.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.ResultComparator;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.bootstrap.GatedCalls;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparator of a shadow or dual-run method is linked by its first comparison, not when the
 * call site is linked: a shadow call never pays for it on the caller's thread, and a comparator that
 * cannot be made is still reported as an agent fault at the comparison, with routing unharmed.
 */
class ComparatorLinkTest {

  static final AtomicInteger comparatorsMade = new AtomicInteger();

  private final List<String> faults = new ArrayList<>();
  private final List<Boolean> comparisons = new ArrayList<>();
  private final List<String> comparatorFailures = new ArrayList<>();

  @Test
  @DisplayName("shadow calls never make the comparator; the first dual-run comparison makes it, once")
  void comparatorIsMadeByTheFirstComparison() throws Throwable {
    comparatorsMade.set(0);
    Fixture shadow = fixture("SHADOW_F", Map.of("SHADOW_F", "true", "SHADOW_F_SHADOW_MODE", "true"),
        CountingComparator.class);
    assertEquals("legacy hello s1", shadow.call("s1"));
    assertEquals("legacy hello s2", shadow.call("s2"));
    assertEquals(0, comparatorsMade.get(), "nothing was compared: no comparator");

    Fixture dual = fixture("DUAL_F", Map.of("DUAL_F", "true", "DUAL_F_DUAL_RUN", "true"), CountingComparator.class);
    assertEquals("new hello s1", dual.call("s1"));
    assertEquals("new hello s2", dual.call("s2"));
    assertEquals(1, comparatorsMade.get(), "made by the first comparison and kept");
    assertEquals(List.of(false, false), comparisons, "legacy and new greet differently: two divergences");
    assertTrue(faults.isEmpty(), faults.toString());
  }

  @Test
  @DisplayName("a comparator that cannot be made: the call answers as routed and the comparison reports an agent fault")
  void unusableComparator_isAnAgentFaultAtTheComparison() throws Throwable {
    Fixture dual = fixture("BROKEN_F", Map.of("BROKEN_F", "true", "BROKEN_F_DUAL_RUN", "true"),
        NoDefaultConstructor.class);
    assertEquals("new hello s1", dual.call("s1"));
    assertEquals(1, faults.size(), faults.toString());
    assertTrue(faults.get(0).startsWith("comparator of " + Greeter.class.getName() + ".greet"), faults.toString());
    assertTrue(faults.get(0).contains("public no-argument constructor"), faults.toString());
    assertTrue(comparisons.isEmpty());
  }

  @Test
  @DisplayName("a comparator that throws: the call answers as routed, and the failure is told as the application's (its message withheld), not the agent's")
  void throwingComparator_toldAsTheApplications() throws Throwable {
    Fixture dual = fixture("THROWING_F", Map.of("THROWING_F", "true", "THROWING_F_DUAL_RUN", "true"),
        ThrowingComparator.class);
    assertEquals("new hello s1", dual.call("s1"));
    assertEquals(List.of(Greeter.class.getName() + ".greet: java.lang.IllegalStateException"), comparatorFailures);
    assertTrue(faults.isEmpty(), faults.toString());
    assertTrue(comparisons.isEmpty());
  }

  /** A router over one gated method, {@link Greeter#greet}, its secondaries run on the caller's thread. */
  private Fixture fixture(String flag, Map<String, String> environment, Class<?> comparator) throws Throwable {
    SiteRegistry sites = new SiteRegistry();
    int site = sites.register(new SiteDescriptor(Greeter.class.getName(), "greet", "(Ljava/lang/String;)Ljava/lang/Object;", false, "legacyGreet", flag,
        null, null, comparator.getName(), true));
    RoutingOptions synchronous = new RoutingOptions(1, 0, Duration.ofSeconds(5), true, 16, false);
    Router router = new Router(sites, new RolloutEngine(new EnvironmentSource(environment)), flagName -> telemetry(),
        new SecondaryExecutor(synchronous), synchronous, System::nanoTime);
    MethodType type = MethodType.methodType(Object.class, Greeter.class, String.class);
    CallSite linked = router.linkComplexCall(MethodHandles.lookup().in(Greeter.class), type, site);
    return shopper -> {
      assertEquals(GatedCalls.COMPLEX, router.route(site, null, shopper), "the flag routes " + shopper + " to both sides");
      return linked.dynamicInvoker().invoke(new Greeter(), shopper);
    };
  }

  private FlagTelemetry telemetry() {
    return new QuietTelemetry() {
      @Override public void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
          long legacyNanos, long newNanos) {
        comparisons.add(equivalent);
      }
      @Override public void agentFault(String where, Throwable error) {
        faults.add(where + ": " + error);
      }
      @Override public void comparatorFailed(SiteDescriptor method, Throwable error) {
        comparatorFailures.add(method.displayName() + ": " + error.getClass().getName());
      }
    };
  }

  private interface Fixture {
    Object call(String shopper) throws Throwable;
  }

  /** Stands in for an application's gated class: its body is the new code. */
  static final class Greeter {
    public Object greet(String shopperId) {
      return "new hello " + shopperId;
    }

    private Object legacyGreet(String shopperId) {
      return "legacy hello " + shopperId;
    }
  }

  public static final class CountingComparator implements ResultComparator {
    public CountingComparator() {
      comparatorsMade.incrementAndGet();
    }

    @Override
    public boolean equivalent(Object legacy, Object candidate) {
      return Objects.equals(legacy, candidate);
    }
  }

  public static final class ThrowingComparator implements ResultComparator {
    @Override
    public boolean equivalent(Object legacy, Object candidate) {
      throw new IllegalStateException("expected " + legacy + " but was " + candidate);
    }
  }

  public static final class NoDefaultConstructor implements ResultComparator {
    public NoDefaultConstructor(int unused) {}

    @Override
    public boolean equivalent(Object legacy, Object candidate) {
      return true;
    }
  }
}
