package dev.flaggate.demo.traffic;

/**
 * A store using the WhatsApp channel, and the number format its customer records use.
 *
 * @param id the shopper id
 * @param customerPhone a customer number as this store keeps it
 */
public record Shopper(String id, String customerPhone) {}
