package dev.flaggate.demo.pipeline;

/**
 * The messaging service: each inbound message is published as an event, its conversation routed to
 * an agent, and an acknowledgement sent back. No flag is checked here: the agent routes the gated
 * methods of the collaborators.
 */
public final class WhatsAppService {

  private final CanonicalEventPublisher events;
  private final ConversationRouter router;
  private final WhatsAppGateway gateway;
  private final PipelineMetrics metrics;

  /**
   * @param events event publishing
   * @param router conversation routing
   * @param gateway reply sending
   * @param metrics the service's counters
   */
  public WhatsAppService(CanonicalEventPublisher events, ConversationRouter router, WhatsAppGateway gateway,
      PipelineMetrics metrics) {
    this.events = events;
    this.router = router;
    this.gateway = gateway;
    this.metrics = metrics;
  }

  /**
   * Wires the service with the simulated provider.
   *
   * @param log the structured log
   * @return the service
   */
  public static WhatsAppService simulated(EventLog log) {
    PipelineMetrics metrics = new PipelineMetrics();
    return new WhatsAppService(new CanonicalEventPublisher(new CanonicalEventStream(), log, metrics),
        new ConversationRouter(), new WhatsAppGateway(SimulatedProvider.fromEnvironment(metrics)), metrics);
  }

  /**
   * Handles one inbound message.
   *
   * @param message the message from the webhook
   * @return what was published, where the conversation went, and the provider's receipt
   */
  public Handled receive(InboundMessage message) {
    metrics.increment(PipelineMetrics.MESSAGES_RECEIVED);
    PublishedEvent event = events.publish(message);
    Assignment assignment = router.assign(message.shopperId(), message);
    metrics.increment(PipelineMetrics.ROUTING_ASSIGNMENTS);
    SendReceipt receipt = gateway.send(message.shopperId(), new OutboundMessage(message.messageId(),
        message.senderPhone(), "Recebemos sua mensagem! " + assignment.agent() + " vai te responder em breve."));
    return new Handled(event, assignment, receipt);
  }

  /** @return the service's counters */
  public PipelineMetrics metrics() {
    return metrics;
  }

  /**
   * The outcome of one message.
   *
   * @param event the event published
   * @param assignment where the conversation went
   * @param receipt the provider's receipt
   */
  public record Handled(PublishedEvent event, Assignment assignment, SendReceipt receipt) {}
}
