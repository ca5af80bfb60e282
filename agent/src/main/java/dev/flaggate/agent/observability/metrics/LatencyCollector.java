package dev.flaggate.agent.observability.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Collection;

/** Exposes every flag's {@link LatencyHistogram}s as the one Prometheus histogram {@code latency_ms}. */
final class LatencyCollector implements Collector {

  static final String NAME = "latency_ms";

  private final Collection<FlagMetrics> flags;

  /** {@code flags} is a live view: flags added later are collected too. */
  LatencyCollector(Collection<FlagMetrics> flags) {
    this.flags = flags;
  }

  @Override
  public MetricSnapshot collect() {
    HistogramSnapshot.Builder histogram =
        HistogramSnapshot.builder()
            .name(NAME)
            .help("Duration of the legacy and new paths of gated calls, as primary and secondary, in ms");
    for (FlagMetrics flag : flags) {
      flag.latencySnapshots(histogram);
    }
    return histogram.build();
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }
}
