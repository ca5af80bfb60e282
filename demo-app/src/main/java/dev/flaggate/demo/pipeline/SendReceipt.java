package dev.flaggate.demo.pipeline;

/**
 * The provider's answer to a send.
 *
 * @param providerMessageId the id the provider gave the message, or {@code dry-run} when nothing was sent
 * @param status {@code accepted}, or {@code not_sent_in_shadow}
 */
public record SendReceipt(String providerMessageId, String status) {

  /** @return the receipt of a send skipped because the call ran in shadow */
  static SendReceipt notSentInShadow() {
    return new SendReceipt("dry-run", "not_sent_in_shadow");
  }
}
