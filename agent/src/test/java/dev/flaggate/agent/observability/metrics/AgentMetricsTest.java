package dev.flaggate.agent.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import io.micrometer.core.instrument.Metrics;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract 8: metric names and cardinality")
class AgentMetricsTest {

  @Test
  @DisplayName("contract 8: the exposed names are exactly the contract's")
  void exposedNamesAreTheContracts() {
    AgentMetrics metrics = AgentMetrics.create();
    FlagMetrics flag = metrics.flag("F");
    flag.check(DecisionCode.of(true, Reason.ENABLED));
    flag.latency(true, true, 1_000);

    Set<String> types = new TreeSet<>();
    for (String line : metrics.scrape().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        types.add(line.substring("# TYPE ".length()));
      }
    }

    assertEquals(
        Set.of(
            "feature_flag_checks_total counter",
            "latency_ms histogram",
            "divergence_count_total counter",
            "secondary_errors_total counter",
            "secondary_skipped_total counter",
            "secondary_timeouts_total counter",
            "secondary_running gauge",
            "config_reloads_total counter",
            "flaggate_misconfigured_methods gauge"),
        types);
  }

  @Test
  @DisplayName("contract 8: every count shows at the next scrape, whether made before or after the registry exists")
  void countsShowAtTheNextScrape() {
    AgentMetrics metrics = AgentMetrics.create();
    int onAllowlist = DecisionCode.of(true, Reason.ALLOWLIST);
    int offDenylist = DecisionCode.of(false, Reason.DENYLIST);
    metrics.flag("EARLY").check(onAllowlist);
    metrics.scrape(); // the registry now exists

    metrics.flag("EARLY").check(onAllowlist);
    metrics.flag("EARLY").check(offDenylist); // a code first seen after the registry
    metrics.flag("LATE").check(offDenylist); // a flag first seen after the registry
    Scrape scrape = new Scrape(metrics.scrape());

    assertEquals(2.0, scrape.value("feature_flag_checks_total{enabled=\"true\",flag=\"EARLY\",reason=\"allowlist\"}"));
    assertEquals(1.0, scrape.value("feature_flag_checks_total{enabled=\"false\",flag=\"EARLY\",reason=\"denylist\"}"));
    assertEquals(1.0, scrape.value("feature_flag_checks_total{enabled=\"false\",flag=\"LATE\",reason=\"denylist\"}"));
    assertEquals(0.0, scrape.value("divergence_count_total{flag=\"LATE\"}"));
    assertTrue(metrics.registry().find("feature.flag.checks").tag("flag", "LATE").counter() == null
        && metrics.registry().find("feature.flag.checks").tag("flag", "LATE").functionCounter() != null,
        "the registry read directly shows the late flag too");
  }

  @Test
  @DisplayName("contract 8: a fresh registry scrapes cleanly, with no latency series yet")
  void freshRegistryScrapes() {
    Scrape scrape = new Scrape(AgentMetrics.create().scrape());

    assertEquals(0.0, scrape.value("flaggate_misconfigured_methods"));
    assertTrue(!scrape.hasMetricNamed("latency_ms_count"));
  }

  @Test
  @DisplayName("contract 8: latency buckets are in milliseconds, upper bounds inclusive")
  void latencyBucketsInMilliseconds() {
    AgentMetrics metrics = AgentMetrics.create();
    FlagMetrics flag = metrics.flag("F");
    flag.latency(false, false, 10_000); // exactly 0.01 ms
    flag.latency(false, false, 1_000_000); // exactly 1 ms
    flag.latency(false, false, 7_000_000_000L); // 7 s, beyond the last bound
    flag.latency(false, false, -5); // a clock stepping back counts as zero

    Scrape scrape = new Scrape(metrics.scrape());
    String side = "flag=\"F\",path=\"legacy\",role=\"secondary\"";
    assertEquals(2.0, scrape.value("latency_ms_bucket{" + side + ",le=\"0.01\"}"));
    assertEquals(3.0, scrape.value("latency_ms_bucket{" + side + ",le=\"1.0\"}"));
    assertEquals(3.0, scrape.value("latency_ms_bucket{" + side + ",le=\"5000.0\"}"));
    assertEquals(4.0, scrape.value("latency_ms_bucket{" + side + ",le=\"+Inf\"}"));
    assertEquals(4.0, scrape.value("latency_ms_count{" + side + "}"));
    assertEquals(7001.01, scrape.value("latency_ms_sum{" + side + "}"), 1e-9);
  }

  @Test
  @DisplayName("contract 8: the agent's registry is its own, never Micrometer's global one")
  void ownRegistry() {
    AgentMetrics metrics = AgentMetrics.create();
    metrics.flag("F").divergence();

    assertNotSame(Metrics.globalRegistry, metrics.registry());
    assertTrue(Metrics.globalRegistry.find("divergence.count").meters().isEmpty());
    assertTrue(Metrics.globalRegistry.getRegistries().stream().noneMatch(r -> r == metrics.registry()));
  }

  @Test
  @DisplayName("contract 8: flag meters are cached, and flag names are bounded")
  void flagsCachedAndBounded() {
    AgentMetrics metrics = AgentMetrics.create();
    assertSame(metrics.flag("F"), metrics.flag("F"));

    for (int i = 0; i < AgentMetrics.MAX_FLAGS + 50; i++) {
      metrics.flag("GENERATED_" + i).divergence();
    }
    metrics.flag(null).divergence();

    Scrape scrape = new Scrape(metrics.scrape());
    long series = scrape.text().lines().filter(line -> line.startsWith("divergence_count_total{")).count();
    assertEquals(AgentMetrics.MAX_FLAGS + 1, series, "past the bound flags share one series");
    assertTrue(scrape.value("divergence_count_total{flag=\"(other)\"}") >= 51);
  }

  @Test
  @DisplayName("contract 8: recording on the call path allocates nothing")
  void callPathAllocatesNothing() {
    AgentMetrics metrics = AgentMetrics.create();
    FlagMetrics flag = metrics.flag("F");
    int code = DecisionCode.of(true, Reason.PERCENT);
    Runnable calls =
        () -> {
          for (int i = 0; i < 100_000; i++) {
            metrics.flag("F").check(code);
            flag.latency(true, true, i);
            flag.latency(false, false, i);
            flag.divergence();
            flag.secondaryError();
            flag.secondarySkipped();
            flag.secondaryTimeout();
          }
        };
    calls.run(); // first use registers meters and creates histograms

    long allocated = allocatedBytes(calls);

    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 700,000 recordings");
  }

  static long allocatedBytes(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    work.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
