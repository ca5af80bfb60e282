package dev.flaggate.demo.pipeline;

/**
 * Where a conversation goes.
 *
 * @param queue the support queue
 * @param agent the human agent in that queue
 */
public record Assignment(String queue, String agent) {}
