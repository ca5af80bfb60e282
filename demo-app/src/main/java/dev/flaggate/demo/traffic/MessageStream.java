package dev.flaggate.demo.traffic;

import dev.flaggate.demo.pipeline.InboundMessage;
import java.util.List;

/**
 * An endless, deterministic stream of inbound messages: every shopper in turn, round after round,
 * with realistic texts (orders, returns, questions).
 */
public final class MessageStream {

  private static final List<String> TEXTS = List.of(
      "Oi! Quero saber do meu pedido 4711",
      "Preciso fazer a troca de um tamanho",
      "Qual o prazo de entrega para o CEP 01310-100?",
      "Vocês têm esse tênis no 42?",
      "Quero devolução do produto, veio com defeito",
      "Obrigado pelo atendimento 🙏");
  private static final String PROBLEM_TEXT = "😡😡 MEU PEDIDO NÃO CHEGOU!!! já é a terceira vez";

  private final List<Shopper> shoppers;
  private long sequence;

  /** @param shoppers who writes, in turn */
  public MessageStream(List<Shopper> shoppers) {
    this.shoppers = shoppers;
  }

  /** @return the next message */
  public InboundMessage next() {
    long n = sequence++;
    Shopper shopper = shoppers.get((int) (n % shoppers.size()));
    String text = Shoppers.PROBLEM_SHOPPER.equals(shopper.id()) ? PROBLEM_TEXT
        : TEXTS.get((int) ((n / shoppers.size() + shopper.id().hashCode()) & 0x7fffffff) % TEXTS.size());
    return new InboundMessage("wamid.HBgM" + n, shopper.id(), shopper.customerPhone(), text);
  }

  /** @return how many shoppers write */
  public int shoppers() {
    return shoppers.size();
  }
}
