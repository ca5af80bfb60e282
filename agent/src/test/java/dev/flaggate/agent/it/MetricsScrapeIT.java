package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, done-when: the Prometheus endpoint, scraped over real HTTP from a forked JVM running a
 * dual-run workload of known counts ({@code dev.flaggate.testapp.metrics.MetricsApp}), shows every
 * metric of contract section 8 with exactly those counts, and no shopper id.
 */
class MetricsScrapeIT {

  private static final String PRICE = "METRICS_PRICE_V2";
  private static final String ERRORS = "METRICS_ERRORS_V2";
  private static final String SLOW = "METRICS_SLOW_V2";
  private static final String FLAGS = "{\"flags\": {"
      + "\"" + PRICE + "\": {\"enabled\": true, \"dual_run\": true, \"allowlist\": [\"mx-shopper-alma\", \"mx-shopper-dora\"]%s},"
      + "\"" + ERRORS + "\": {\"enabled\": true, \"shadow_mode\": true},"
      + "\"" + SLOW + "\": {\"enabled\": true, \"shadow_mode\": true}}}";

  @TempDir Path dir;

  @Test
  @DisplayName("contract 8: checks, latency, divergences, secondary errors/skips/timeouts, reloads and misconfigured methods, scraped with the expected counts")
  void dualRunWorkload_everyMetricWithExpectedCounts() throws Exception {
    Path config = dir.resolve("flags.json");
    Files.writeString(config, String.format(FLAGS, ""));
    int port = ForkedJvm.freePort();
    ForkedJvm.Running app = ForkedJvm.withAgent("config=" + config + ",metrics-port=" + port + ",log=stderr"
            + ",secondary-threads=1,secondary-queue=0,secondary-timeout-ms=1000,latency-sample=1,poll-ms=100")
        .start("dev.flaggate.testapp.metrics.MetricsApp");
    try {
      app.awaitLine("WORKLOAD DONE", 60);
      PrometheusScrape scrape = PrometheusScrape.of(port);
      String context = scrape.text() + "\n" + app.snapshot();
      assertTrue(scrape.contentType().startsWith("text/plain"), scrape.contentType());

      // contract 8: feature_flag_checks_total{flag,enabled,reason}
      assertEquals(8.0, scrape.value("feature_flag_checks_total", "flag", PRICE, "enabled", "true", "reason", "allowlist"), context);
      assertEquals(2.0, scrape.value("feature_flag_checks_total", "flag", PRICE, "enabled", "false", "reason", "not_in_allowlist"), context);
      assertEquals(2.0, scrape.value("feature_flag_checks_total", "flag", ERRORS, "enabled", "true", "reason", "enabled"), context);
      assertEquals(3.0, scrape.value("feature_flag_checks_total", "flag", SLOW, "enabled", "true", "reason", "enabled"), context);
      assertEquals(4, scrape.matching("feature_flag_checks_total").size(), "only combinations that happened\n" + context);

      // latency_ms by flag, path and role: dual-run with new answering, legacy compared on the pool
      assertLatency(scrape, PRICE, "new", "primary", 8, context);
      assertLatency(scrape, PRICE, "legacy", "secondary", 8, context);
      assertLatency(scrape, PRICE, "legacy", "primary", 2, context); // flag off: legacy only
      assertNull(scrape.value("latency_ms_count", "flag", PRICE, "path", "new", "role", "secondary"), context);
      assertLatency(scrape, ERRORS, "legacy", "primary", 2, context); // shadow: legacy answers
      assertLatency(scrape, ERRORS, "new", "secondary", 2, context);
      assertLatency(scrape, SLOW, "legacy", "primary", 3, context);

      // one diverging shopper, three calls; shadow without dual-run compares nothing
      assertEquals(3.0, scrape.value("divergence_count_total", "flag", PRICE), context);
      assertEquals(0.0, scrape.value("divergence_count_total", "flag", ERRORS), context);
      assertEquals(2.0, scrape.value("secondary_errors_total", "flag", ERRORS), context);
      assertEquals(0.0, scrape.value("secondary_errors_total", "flag", PRICE), context);
      assertEquals(0.0, scrape.value("secondary_errors_total", "flag", SLOW), "a timed-out secondary is a timeout, not an error\n" + context);
      // one thread, no queue: the first slow secondary holds it, the next two are skipped
      assertEquals(1.0, scrape.value("secondary_timeouts_total", "flag", SLOW), context);
      assertEquals(2.0, scrape.value("secondary_skipped_total", "flag", SLOW), context);
      assertEquals(0.0, scrape.value("secondary_skipped_total", "flag", PRICE), context);
      assertEquals(2.0, scrape.value("flaggate_misconfigured_methods"), context);
      assertEquals(1.0, scrape.value("config_reloads_total", "result", "applied"), context);
      assertEquals(0.0, scrape.value("config_reloads_total", "result", "rejected"), context);
      assertFalse(scrape.text().contains("mx-shopper"), "a shopper id in the scrape\n" + context);

      // config_reloads_total{result}: a changed readable file applies, an unreadable one is rejected
      replace(config, String.format(FLAGS, ", \"percent_rollout\": 0"));
      awaitSample(port, "config_reloads_total", 2.0, "result", "applied");
      replace(config, "{\"flags\": {\"" + PRICE + "\": ");
      PrometheusScrape after = awaitSample(port, "config_reloads_total", 1.0, "result", "rejected");
      assertEquals(2.0, after.value("config_reloads_total", "result", "applied"), after.text());
      assertFalse(after.text().contains("mx-shopper"), after.text());

      app.send("exit");
      ForkedJvm.Result result = app.finish();
      assertEquals(0, result.exitCode(), result.toString());
      assertEquals("10 3", result.probeFree("BROKEN "), "misconfigured methods are left as they are\n" + result);
    } finally {
      app.kill();
    }
  }

  private static void assertLatency(PrometheusScrape scrape, String flag, String path, String role, int calls, String context) {
    String[] series = {"flag", flag, "path", path, "role", role};
    assertEquals((double) calls, scrape.value("latency_ms_count", series), flag + " " + path + " " + role + "\n" + context);
    Double sum = scrape.value("latency_ms_sum", series);
    assertTrue(sum != null && sum > 0, "latency_ms_sum " + List.of(series) + "\n" + context);
    List<PrometheusScrape.Sample> buckets = scrape.matching("latency_ms_bucket", series);
    assertTrue(buckets.size() > 5, "latency_ms_bucket " + List.of(series) + "\n" + context);
    double previous = 0;
    for (PrometheusScrape.Sample bucket : buckets) {
      assertTrue(bucket.value() >= previous, "cumulative buckets " + buckets);
      previous = bucket.value();
    }
    assertEquals((double) calls, scrape.value("latency_ms_bucket", "flag", flag, "path", path, "role", role, "le", "+Inf"), context);
  }

  /** Rename into place, as a careful operator or a ConfigMap update does. */
  private void replace(Path config, String content) throws Exception {
    Path next = dir.resolve("flags.json.next");
    Files.writeString(next, content);
    Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static PrometheusScrape awaitSample(int port, String name, double expected, String... labels) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    PrometheusScrape scrape;
    do {
      scrape = PrometheusScrape.of(port);
      if (Double.valueOf(expected).equals(scrape.value(name, labels))) {
        return scrape;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(name + " " + List.of(labels) + " never reached " + expected + ":\n" + scrape.text());
  }
}
