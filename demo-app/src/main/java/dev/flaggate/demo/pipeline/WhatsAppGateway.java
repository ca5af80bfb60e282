package dev.flaggate.demo.pipeline;

import dev.flaggate.FlagGate;
import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;

/**
 * Sends replies through the provider. The legacy gateway posts the old form-encoded request; the
 * new one posts a Cloud-API-style JSON body to an E.164 recipient.
 */
public class WhatsAppGateway {

  private final SimulatedProvider provider;

  /** @param provider where messages go */
  public WhatsAppGateway(SimulatedProvider provider) {
    this.provider = provider;
  }

  /**
   * Sends a reply.
   *
   * <p>A send is a side effect: in shadow the new gateway builds its request and stops there, so a
   * customer never gets the same message twice.
   *
   * @param shopperId the shopper
   * @param message the reply
   * @return the provider's receipt
   */
  @FlagGated(value = "WHATSAPP_GATEWAY_ENABLED", legacy = "sendViaLegacyGateway")
  public SendReceipt send(@ShopperId String shopperId, OutboundMessage message) {
    RunLedger.ran(Feature.GATEWAY, true, shopperId);
    String recipient = PhoneNumbers.toE164(message.recipientPhone());
    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"" + recipient
        + "\",\"type\":\"text\",\"context\":{\"message_id\":\"" + EventLog.json(message.replyTo())
        + "\"},\"text\":{\"body\":\"" + EventLog.json(message.text()) + "\"}}";
    if (FlagGate.inShadow()) {
      return SendReceipt.notSentInShadow();
    }
    return provider.send(recipient, body);
  }

  private SendReceipt sendViaLegacyGateway(String shopperId, OutboundMessage message) {
    RunLedger.ran(Feature.GATEWAY, false, shopperId);
    String form = "phone=" + message.recipientPhone().replace(' ', '+') + "&msg=" + message.text().replace(' ', '+');
    if (FlagGate.inShadow()) {
      return SendReceipt.notSentInShadow();
    }
    return provider.send(message.recipientPhone(), form);
  }
}
