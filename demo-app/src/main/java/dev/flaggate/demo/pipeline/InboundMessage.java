package dev.flaggate.demo.pipeline;

/**
 * A WhatsApp message as the webhook delivers it.
 *
 * @param messageId the provider's message id ({@code wamid....})
 * @param shopperId the shopper (store) the conversation belongs to
 * @param senderPhone the customer's number, in whatever format the shopper's store keeps it
 * @param body the text
 */
public record InboundMessage(String messageId, String shopperId, String senderPhone, String body) {}
