package dev.flaggate.demo.pipeline;

/**
 * What the pipeline published for one inbound message: the outcome dual-run compares.
 *
 * @param eventId derived from the message id, so both pipelines name the same event alike
 * @param conversationId the conversation the message belongs to
 * @param shopperId the shopper
 * @param senderPhone the customer's number as the event carries it
 * @param type the event type
 * @param bodyLength length of the text (the text itself never leaves the message)
 */
public record PublishedEvent(
    String eventId, String conversationId, String shopperId, String senderPhone, String type, int bodyLength) {

  /** Same event with another sender number: how the two pipelines may legitimately differ. */
  boolean sameExceptPhone(PublishedEvent other) {
    return eventId.equals(other.eventId) && conversationId.equals(other.conversationId)
        && shopperId.equals(other.shopperId) && type.equals(other.type) && bodyLength == other.bodyLength;
  }
}
