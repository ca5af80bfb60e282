package dev.flaggate;

/**
 * The canonical flag check, for code that must decide by hand, and questions about the agent.
 *
 * <p>Every copy of this class, in whatever class loader (a Spring Boot nested jar, several web
 * apps), reaches the one Flaggate agent of the JVM through a bridge the agent places in the
 * bootstrap class loader. Without the agent every flag is off with reason {@code agent_absent}.
 *
 * <pre>{@code
 * if (FlagGate.isEnabled("WHATSAPP_ROUTING_ENABLED", shopperId)) { ... }
 * Decision d = FlagGate.evaluate("WHATSAPP_ROUTING_ENABLED", shopperId); // d.reason() says why
 * }</pre>
 */
public final class FlagGate {

  private FlagGate() {}

  /**
   * Whether {@code flag} is on for {@code shopperId}, by the same rule that routes
   * {@link FlagGated} methods.
   *
   * @param flag the flag name, e.g. {@code "WHATSAPP_ROUTING_ENABLED"}
   * @param shopperId the shopper; {@code null} or blank means "no shopper"
   * @return {@code true} when on; {@code false} when off, when the agent is absent, or on any error
   */
  public static boolean isEnabled(String flag, String shopperId) {
    return AgentLink.isEnabled(flag, shopperId);
  }

  /**
   * The decision for {@code flag} and {@code shopperId}, with the reason that produced it.
   *
   * @param flag the flag name
   * @param shopperId the shopper; {@code null} or blank means "no shopper"
   * @return the decision; {@link Decision#AGENT_ABSENT} without the agent
   */
  public static Decision evaluate(String flag, String shopperId) {
    return AgentLink.evaluate(flag, shopperId);
  }

  /**
   * Whether the current thread is running the secondary execution of a gated call (the new body in
   * shadow mode, or the other side of a dual-run). Code with side effects uses it to stay harmless
   * there: {@code if (!FlagGate.inShadow()) gateway.send(message);}
   *
   * @return {@code true} only inside a secondary execution
   */
  public static boolean inShadow() {
    return AgentLink.inShadow();
  }

  /**
   * Whether a Flaggate agent runs in this JVM. Without it, every {@link FlagGated} method runs its
   * new body for everyone; an application can refuse to start in that case.
   *
   * @return {@code true} when the agent is attached
   */
  public static boolean agentAttached() {
    return AgentLink.attached();
  }
}
