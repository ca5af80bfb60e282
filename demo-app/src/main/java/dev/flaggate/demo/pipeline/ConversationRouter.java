package dev.flaggate.demo.pipeline;

import dev.flaggate.FlagGated;
import java.util.List;
import java.util.Locale;

/**
 * Assigns each conversation to a queue and an agent. The legacy router is a chain of keyword checks;
 * the new one reads a rule table that product can extend. Both must agree on every message.
 */
public class ConversationRouter {

  private static final int AGENTS_PER_QUEUE = 4;
  private static final List<Rule> RULES = List.of(
      new Rule("orders", List.of("pedido", "entrega", "order")),
      new Rule("returns", List.of("troca", "devolu", "return")));

  /** Creates a router; it holds no state. */
  public ConversationRouter() {}

  /**
   * Assigns the conversation of a message.
   *
   * @param shopperId the shopper (found by the agent through this parameter's name)
   * @param message the message
   * @return the queue and agent
   */
  @FlagGated(value = "WHATSAPP_ROUTING_ENABLED", legacy = "assignByKeywords",
      comparator = AssignmentComparator.class)
  public Assignment assign(String shopperId, InboundMessage message) {
    RunLedger.ran(Feature.ROUTING, true, shopperId);
    String text = message.body().toLowerCase(Locale.ROOT);
    String queue = RULES.stream().filter(rule -> rule.matches(text)).map(Rule::queue).findFirst().orElse("general");
    return new Assignment(queue, agentFor(queue, shopperId));
  }

  private Assignment assignByKeywords(String shopperId, InboundMessage message) {
    RunLedger.ran(Feature.ROUTING, false, shopperId);
    String text = message.body().toLowerCase(Locale.ROOT);
    String queue;
    if (text.contains("pedido") || text.contains("entrega") || text.contains("order")) {
      queue = "orders";
    } else if (text.contains("troca") || text.contains("devolu") || text.contains("return")) {
      queue = "returns";
    } else {
      queue = "general";
    }
    return new Assignment(queue, agentFor(queue, shopperId));
  }

  private static String agentFor(String queue, String shopperId) {
    // one shopper keeps talking to the same agent: sticky by shopper
    return queue + "-agent-" + Math.floorMod(shopperId.hashCode(), AGENTS_PER_QUEUE);
  }

  private record Rule(String queue, List<String> keywords) {
    boolean matches(String text) {
      return keywords.stream().anyMatch(text::contains);
    }
  }
}
