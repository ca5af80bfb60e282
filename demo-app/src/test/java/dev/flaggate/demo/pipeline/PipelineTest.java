package dev.flaggate.demo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.FlagGate;
import dev.flaggate.demo.traffic.MessageStream;
import dev.flaggate.demo.traffic.Shoppers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's logic, without the agent: each gated method runs its own (new) body, and the legacy
 * bodies are called directly to compare the two the way dual-run will.
 */
class PipelineTest {

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final EventLog log = EventLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8));
  private final PipelineMetrics metrics = new PipelineMetrics();
  private final CanonicalEventStream stream = new CanonicalEventStream();
  private final CanonicalEventPublisher publisher = new CanonicalEventPublisher(stream, log, metrics);
  private final ConversationRouter router = new ConversationRouter();
  private final SimulatedProvider provider = SimulatedProvider.fromEnvironment(metrics);
  private final WhatsAppService service =
      new WhatsAppService(publisher, router, new WhatsAppGateway(provider), metrics);

  @Test
  @DisplayName("contract 2: without the agent every gated method runs its new body")
  void withoutAgent_newBodies() {
    assertFalse(FlagGate.agentAttached());
    MessageStream messages = new MessageStream(Shoppers.population(50));
    for (int i = 0; i < 100; i++) {
      WhatsAppService.Handled handled = service.receive(messages.next());
      assertTrue(PhoneNumbers.isE164(handled.event().senderPhone()));
      assertEquals("accepted", handled.receipt().status());
    }
    log.flush();
    assertEquals(100, metrics.get(PipelineMetrics.CANONICAL_PUBLISHED));
    assertEquals(100, metrics.get(PipelineMetrics.ROUTING_ASSIGNMENTS));
    assertEquals(100, metrics.get(PipelineMetrics.PROVIDER_SENDS));
    assertEquals(100, stream.received());
    String lines = logged.toString(StandardCharsets.UTF_8);
    assertEquals(100, lines.lines().filter(line -> line.contains("CANONICAL_EVENT")).count());
    assertFalse(lines.contains("98765"), "no phone number in the event log");
  }

  @Test
  @DisplayName("seed metrics render as name_total")
  void metrics_prometheusText() {
    metrics.increment(PipelineMetrics.CANONICAL_PUBLISHED);
    String text = metrics.prometheusText();
    assertTrue(text.contains("canonical_events_published_count_total 1\n"));
    assertTrue(text.contains("canonical_publish_fail_count_total 0\n"));
    assertTrue(text.contains("routing_assignments_count_total 0\n"));
  }

  @Test
  @DisplayName("the deliberate divergence: legacy and new events differ for stores that keep raw numbers, never critically")
  void canonical_legacyVersusNew() throws Exception {
    Method legacy = CanonicalEventPublisher.class.getDeclaredMethod("forwardWebhookEvent", InboundMessage.class);
    legacy.setAccessible(true);
    MessageStream messages = new MessageStream(Shoppers.population(3000));
    int nonCritical = 0;
    for (int i = 0; i < 3000; i++) {
      InboundMessage message = messages.next();
      Object old = legacy.invoke(publisher, message);
      PublishedEvent fresh = publisher.publish(message);
      Divergence.Verdict verdict = Divergence.classify(old, fresh);
      assertNotEquals(Divergence.Verdict.CRITICAL, verdict, message.shopperId());
      assertEquals(PhoneNumbers.isE164(message.senderPhone()), verdict == Divergence.Verdict.SAME, message.shopperId());
      nonCritical += verdict == Divergence.Verdict.NON_CRITICAL ? 1 : 0;
    }
    assertTrue(nonCritical > 500 && nonCritical < 1000, "about one store in four: " + nonCritical);
  }

  @Test
  @DisplayName("dual-run of routing has nothing to find: the rule table agrees with the keyword chain")
  void routing_legacyEqualsNew() throws Exception {
    Method legacy = ConversationRouter.class.getDeclaredMethod("assignByKeywords", String.class, InboundMessage.class);
    legacy.setAccessible(true);
    MessageStream messages = new MessageStream(Shoppers.population(3000));
    for (int i = 0; i < 6000; i++) {
      InboundMessage message = messages.next();
      assertEquals(legacy.invoke(router, message.shopperId(), message), router.assign(message.shopperId(), message));
    }
    InboundMessage order = new InboundMessage("m", "s", "+5511987654321", "Cadê meu PEDIDO?");
    assertEquals("orders", router.assign("s", order).queue());
  }

  @Test
  @DisplayName("WHATSAPP_PROVIDER: anything but simulated is refused, nothing real is ever sent")
  void provider_onlySimulated() {
    System.setProperty("whatsapp.provider", "twilio");
    try {
      assertThrows(IllegalStateException.class, () -> SimulatedProvider.fromEnvironment(metrics));
    } finally {
      System.clearProperty("whatsapp.provider");
    }
  }
}
