package dev.flaggate.demo.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code WHATSAPP_PROVIDER=simulated}: accepts every message and sends nothing anywhere. The only
 * provider this demo has.
 */
public final class SimulatedProvider {

  private final AtomicLong sent = new AtomicLong();
  private final PipelineMetrics metrics;

  private SimulatedProvider(PipelineMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * The provider named by {@code WHATSAPP_PROVIDER} (environment) or {@code -Dwhatsapp.provider};
   * unset means simulated.
   *
   * @param metrics the service's counters
   * @return the simulated provider
   * @throws IllegalStateException for any other provider: this demo never sends anything real
   */
  public static SimulatedProvider fromEnvironment(PipelineMetrics metrics) {
    String named = System.getProperty("whatsapp.provider", System.getenv().getOrDefault("WHATSAPP_PROVIDER", "simulated"));
    if (!"simulated".equals(named)) {
      throw new IllegalStateException("WHATSAPP_PROVIDER=" + named + ": this demo only has the simulated provider "
          + "and never sends anything real; unset it or set WHATSAPP_PROVIDER=simulated");
    }
    return new SimulatedProvider(metrics);
  }

  /**
   * "Sends" a payload.
   *
   * @param recipient the number
   * @param payload the provider request body
   * @return an accepted receipt
   */
  public SendReceipt send(String recipient, String payload) {
    if (recipient.isBlank() || payload.isEmpty()) {
      throw new IllegalArgumentException("the provider rejects an empty recipient or payload");
    }
    metrics.increment(PipelineMetrics.PROVIDER_SENDS);
    return new SendReceipt("sim-" + sent.incrementAndGet(), "accepted");
  }

  /** @return messages accepted so far */
  public long sent() {
    return sent.get();
  }
}
