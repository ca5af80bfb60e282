package dev.flaggate.demo.pipeline;

import dev.flaggate.FlagGate;
import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns each inbound message into an event. The legacy pipeline forwards a webhook-shaped event to
 * the old integrations; the new one publishes a canonical event (E.164 numbers, one schema) to the
 * canonical stream.
 */
public class CanonicalEventPublisher {

  private final CanonicalEventStream stream;
  private final EventLog log;
  private final PipelineMetrics metrics;
  private final LongAdder legacyForwards = new LongAdder();

  /**
   * @param stream the canonical stream
   * @param log the structured log
   * @param metrics the service's counters
   */
  public CanonicalEventPublisher(CanonicalEventStream stream, EventLog log, PipelineMetrics metrics) {
    this.stream = stream;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * Publishes the canonical event of a message.
   *
   * <p>In shadow the event is generated and logged but never processed: nothing reaches the stream.
   *
   * @param message the inbound message; its {@code shopperId()} is the shopper
   * @return the event published
   */
  @FlagGated(value = "WHATSAPP_CANONICAL_EVENTS_ENABLED", legacy = "forwardWebhookEvent",
      shadowFlag = "WHATSAPP_CANONICAL_SHADOW_MODE", dualRunFlag = "WHATSAPP_DUAL_RUN",
      comparator = EventComparator.class)
  public PublishedEvent publish(@ShopperId InboundMessage message) {
    RunLedger.ran(Feature.CANONICAL, true, message.shopperId());
    PublishedEvent event = new PublishedEvent("evt-" + message.messageId(), conversationOf(message),
        message.shopperId(), PhoneNumbers.toE164(message.senderPhone()), "message.received",
        message.body().length());
    boolean shadow = FlagGate.inShadow();
    log.canonicalEvent(event, shadow);
    if (!shadow) {
      try {
        stream.publish(event);
        metrics.increment(PipelineMetrics.CANONICAL_PUBLISHED);
      } catch (RuntimeException refused) {
        metrics.increment(PipelineMetrics.CANONICAL_PUBLISH_FAIL);
        throw refused;
      }
    }
    return event;
  }

  /** The legacy pipeline: the webhook event as it always was, the number as the store keeps it. */
  private PublishedEvent forwardWebhookEvent(InboundMessage message) {
    RunLedger.ran(Feature.CANONICAL, false, message.shopperId());
    PublishedEvent event = new PublishedEvent("evt-" + message.messageId(), conversationOf(message),
        message.shopperId(), message.senderPhone(), "message.received", message.body().length());
    if (!FlagGate.inShadow()) {
      legacyForwards.increment();
    }
    return event;
  }

  /** @return webhook events the legacy pipeline forwarded */
  public long legacyForwards() {
    return legacyForwards.sum();
  }

  private static String conversationOf(InboundMessage message) {
    return "conv-" + message.shopperId() + "-" + Integer.toHexString(PhoneNumbers.toE164(message.senderPhone()).hashCode());
  }
}
