package dev.flaggate.agent.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract 7 and 8: the Prometheus endpoint on 127.0.0.1")
class MetricsEndpointTest {

  private static final String FLAG = "WHATSAPP_CANONICAL_EVENTS_ENABLED";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AgentMetrics metrics;
  private MetricsEndpoint endpoint;

  @BeforeEach
  void start() {
    metrics = AgentMetrics.create();
    endpoint = MetricsEndpoint.start(0, metrics).orElseThrow();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  @DisplayName("contract 8: a client that sends half a request and stalls does not stop the scrapes")
  void stalledClient_scrapesGoOn() throws Exception {
    try (java.net.Socket stalled = new java.net.Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      stalled.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      Thread.sleep(200); // its request is being read by now, and never ends
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
    }
  }

  @Test
  @DisplayName("contract 8: a dual-run workload shows every metric with its count over real HTTP")
  void dualRunWorkloadIsScraped() throws Exception {
    FlagMetrics flag = metrics.flag(FLAG);
    int allowlisted = DecisionCode.of(true, Reason.ALLOWLIST);
    int notInAllowlist = DecisionCode.of(false, Reason.NOT_IN_ALLOWLIST);
    for (int call = 0; call < 10; call++) {
      // shadow + dual-run (contract 6): legacy answers, new runs as secondary, compared
      flag.check(allowlisted);
      flag.latency(false, true, 2_000_000); // 2 ms
      flag.latency(true, false, 30_000); // 0.03 ms
    }
    for (int call = 0; call < 5; call++) {
      flag.check(notInAllowlist);
      flag.latency(false, true, 20_000_000); // 20 ms
    }
    flag.divergence();
    flag.divergence();
    flag.divergence();
    flag.secondaryError();
    flag.secondarySkipped();
    flag.secondarySkipped();
    flag.secondaryTimeout();
    metrics.configReload(AgentMetrics.RELOAD_APPLIED);
    metrics.configReload(AgentMetrics.RELOAD_APPLIED);
    metrics.configReload(AgentMetrics.RELOAD_REJECTED);
    metrics.misconfiguredMethod();
    metrics.secondaryRunningGauge(() -> 4);

    HttpResponse<String> response = get("/metrics");

    assertEquals(200, response.statusCode());
    assertEquals(
        MetricsEndpoint.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
    Scrape scrape = new Scrape(response.body());
    String f = "flag=\"" + FLAG + "\"";
    assertEquals(10.0, scrape.value("feature_flag_checks_total{enabled=\"true\"," + f + ",reason=\"allowlist\"}"));
    assertEquals(5.0, scrape.value("feature_flag_checks_total{enabled=\"false\"," + f + ",reason=\"not_in_allowlist\"}"));
    assertEquals(null, scrape.value("feature_flag_checks_total{enabled=\"true\"," + f + ",reason=\"denylist\"}"),
        "a combination that never happened is not exposed");

    String legacyPrimary = f + ",path=\"legacy\",role=\"primary\"";
    assertEquals(15.0, scrape.value("latency_ms_count{" + legacyPrimary + "}"));
    assertEquals(120.0, scrape.value("latency_ms_sum{" + legacyPrimary + "}"), 1e-9);
    assertEquals(0.0, scrape.value("latency_ms_bucket{" + legacyPrimary + ",le=\"1.0\"}"));
    assertEquals(10.0, scrape.value("latency_ms_bucket{" + legacyPrimary + ",le=\"5.0\"}"));
    assertEquals(15.0, scrape.value("latency_ms_bucket{" + legacyPrimary + ",le=\"50.0\"}"));
    assertEquals(15.0, scrape.value("latency_ms_bucket{" + legacyPrimary + ",le=\"+Inf\"}"));
    String newSecondary = f + ",path=\"new\",role=\"secondary\"";
    assertEquals(10.0, scrape.value("latency_ms_count{" + newSecondary + "}"));
    assertEquals(10.0, scrape.value("latency_ms_bucket{" + newSecondary + ",le=\"0.05\"}"));
    assertFalse(scrape.hasMetricNamed("latency_ms_count{" + f + ",path=\"new\",role=\"primary\"}"));

    assertEquals(3.0, scrape.value("divergence_count_total{" + f + "}"));
    assertEquals(1.0, scrape.value("secondary_errors_total{" + f + "}"));
    assertEquals(2.0, scrape.value("secondary_skipped_total{" + f + "}"));
    assertEquals(1.0, scrape.value("secondary_timeouts_total{" + f + "}"));
    assertEquals(4.0, scrape.value("secondary_running"));
    assertEquals(2.0, scrape.value("config_reloads_total{result=\"applied\"}"));
    assertEquals(1.0, scrape.value("config_reloads_total{result=\"rejected\"}"));
    assertEquals(0.0, scrape.value("config_reloads_total{result=\"unchanged\"}"));
    assertEquals(0.0, scrape.value("config_reloads_total{result=\"deleted\"}"));
    assertEquals(1.0, scrape.value("flaggate_misconfigured_methods"));
    assertFalse(scrape.text().contains("shopper"), "never a shopper id label");
  }

  @Test
  @DisplayName("contract 7: the endpoint binds to loopback only and runs on daemon threads")
  void loopbackAndDaemonThreads() throws Exception {
    assertTrue(endpoint.address().isLoopbackAddress());
    get("/metrics");

    Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("HTTP-Dispatcher")
            || thread.getName().startsWith("flaggate-metrics"))
        .forEach(thread -> assertTrue(thread.isDaemon(), thread.getName() + " keeps the JVM alive"));
  }

  @Test
  @DisplayName("contract 7: other paths are 404, other methods 405")
  void onlyGetMetrics() throws Exception {
    assertEquals(404, get("/").statusCode());
    assertEquals(404, get("/metricsX").statusCode());
    HttpRequest post =
        HttpRequest.newBuilder(url("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build();
    assertEquals(405, HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  @DisplayName("contract 7: a port in use is reported and the agent goes on without the endpoint")
  void portInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      Optional<MetricsEndpoint> second = MetricsEndpoint.start(taken.getLocalPort(), metrics);

      assertTrue(second.isEmpty());
    }
    assertTrue(MetricsEndpoint.start(-1, metrics).isEmpty(), "a malformed port is no exception");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }
}
