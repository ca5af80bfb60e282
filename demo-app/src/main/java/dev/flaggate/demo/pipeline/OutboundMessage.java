package dev.flaggate.demo.pipeline;

/**
 * A reply to send.
 *
 * @param replyTo the inbound message id it answers
 * @param recipientPhone the customer's number as the store keeps it
 * @param text the reply
 */
public record OutboundMessage(String replyTo, String recipientPhone, String text) {}
