package dev.flaggate.demo.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String BEFORE = """
      # HELP divergence_count_total Dual-run divergences
      # TYPE divergence_count_total counter
      divergence_count_total{flag="WHATSAPP_CANONICAL_EVENTS_ENABLED"} 2.0
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="0.1"} 10.0
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="1.0"} 10.0
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="+Inf"} 10.0
      """;
  private static final String AFTER = """
      divergence_count_total{flag="WHATSAPP_CANONICAL_EVENTS_ENABLED"} 7.0
      divergence_count_total{flag="WHATSAPP_ROUTING_ENABLED",note="a \\"quoted\\" value"} 1
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="0.1"} 20.0
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="1.0"} 108.0
      latency_ms_bucket{flag="F",path="legacy",role="primary",le="+Inf"} 110.0
      latency_ms_count{flag="F",path="legacy",role="primary"} 110
      flaggate_misconfigured_methods 0
      """;

  @Test
  void sums_filterByLabels() {
    PrometheusText after = PrometheusText.parse(AFTER);
    assertEquals(7.0, after.sum("divergence_count_total", "flag", "WHATSAPP_CANONICAL_EVENTS_ENABLED"));
    assertEquals(8.0, after.sum("divergence_count_total"));
    assertEquals(0.0, after.sum("flaggate_misconfigured_methods"));
    assertTrue(after.has("latency_ms_count"));
  }

  @Test
  void p95_ofWhatWasRecordedBetweenScrapes() {
    // 100 new samples: 10 at <=0.1 ms, 88 at <=1 ms, 2 above: the 95th is in the 1 ms bucket
    assertEquals(1.0, PrometheusText.p95Between(PrometheusText.parse(BEFORE), PrometheusText.parse(AFTER),
        "latency_ms", "flag", "F", "path", "legacy"));
    assertTrue(Double.isNaN(PrometheusText.p95Between(PrometheusText.parse(AFTER), PrometheusText.parse(AFTER),
        "latency_ms", "flag", "F")), "nothing recorded: no percentile");
  }
}
