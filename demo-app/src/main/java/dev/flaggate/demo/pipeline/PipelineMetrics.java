package dev.flaggate.demo.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's own counters, the seed's metrics among them. Rendered in Prometheus text format,
 * where a counter named {@code x} is exposed as {@code x_total}.
 */
public final class PipelineMetrics {

  /** Seed metric: canonical events handed to the canonical stream. */
  public static final String CANONICAL_PUBLISHED = "canonical_events_published_count";
  /** Seed metric: canonical events the stream refused. */
  public static final String CANONICAL_PUBLISH_FAIL = "canonical_publish_fail_count";
  /** Seed metric: conversations assigned to a queue and agent. */
  public static final String ROUTING_ASSIGNMENTS = "routing_assignments_count";
  /** Messages received from the webhook. */
  public static final String MESSAGES_RECEIVED = "whatsapp_messages_received_count";
  /** Messages handed to the (simulated) provider. */
  public static final String PROVIDER_SENDS = "whatsapp_provider_sends_count";

  private final Map<String, LongAdder> counters = new LinkedHashMap<>();

  /** Creates the counters, all zero. */
  public PipelineMetrics() {
    for (String name : new String[] {CANONICAL_PUBLISHED, CANONICAL_PUBLISH_FAIL, ROUTING_ASSIGNMENTS,
        MESSAGES_RECEIVED, PROVIDER_SENDS}) {
      counters.put(name, new LongAdder());
    }
  }

  /**
   * Adds one to a counter.
   *
   * @param name one of the constants of this class
   */
  public void increment(String name) {
    counters.get(name).increment();
  }

  /**
   * @param name one of the constants of this class
   * @return its value now
   */
  public long get(String name) {
    return counters.get(name).sum();
  }

  /** @return every counter by name, a copy */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new LinkedHashMap<>();
    counters.forEach((name, value) -> copy.put(name, value.sum()));
    return copy;
  }

  /** @return the counters in Prometheus text format ({@code name_total value}) */
  public String prometheusText() {
    StringBuilder text = new StringBuilder();
    counters.forEach((name, value) -> text.append("# TYPE ").append(name).append(" counter\n")
        .append(name).append("_total ").append(value.sum()).append('\n'));
    return text.toString();
  }
}
