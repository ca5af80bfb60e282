package dev.flaggate.demo.pipeline;

/** The three migrations of the WhatsApp pipeline, each gated by its own flag. */
public enum Feature {
  CANONICAL("WHATSAPP_CANONICAL_EVENTS_ENABLED", "canonical"),
  ROUTING("WHATSAPP_ROUTING_ENABLED", "routing"),
  GATEWAY("WHATSAPP_GATEWAY_ENABLED", "gateway");

  private final String flag;
  private final String label;

  Feature(String flag, String label) {
    this.flag = flag;
    this.label = label;
  }

  /** @return the flag that gates this feature */
  public String flag() {
    return flag;
  }

  /** @return a short name for tables */
  public String label() {
    return label;
  }
}
