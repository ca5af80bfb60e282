package dev.flaggate;

import dev.flaggate.bootstrap.FlagGateBridge;

/**
 * Links this copy of the API to the agent's bridge in the bootstrap class loader.
 *
 * <p>With the agent started by {@code -javaagent}, the bridge is in the bootstrap loader before any
 * application class initialises this one, and every check is a plain static call of {@link
 * FlagGateBridge}, resolved by name as the instrumented methods resolve theirs: nothing to link at
 * the application's first check, and nothing between the caller and the decision once compiled
 * ({@link #DIRECT} is a constant to the JIT). The API jar carries no bridge of its own (see
 * {@code src/bridge-stub}), so the name resolves only to the agent's. Otherwise (no agent yet, an
 * agent attached to the running JVM later, or a class loader that does not delegate the bridge's
 * package to the bootstrap loader) every entry point goes through {@link HandleLink}, which an agent
 * attached later can still point at its bridge.
 *
 * <p>Bridge answers are primitives and strings only: an {@code int} code ({@code reasonIndex << 1 |
 * enabled}) that no {@link Decision} crosses class loaders for and nothing is allocated per check.
 */
final class AgentLink {

  /** The bridge's name, as the agent defines it in the bootstrap loader. */
  static final String BRIDGE_CLASS = "dev.flaggate.bootstrap.FlagGateBridge";

  /** Whether this class calls the agent's bridge by name; fixed when the class initialises. */
  private static final boolean DIRECT = bridgeResolvesByName();
  /** Decisions by code when {@link #DIRECT}; otherwise {@link HandleLink} keeps them. */
  private static final Decision[] DIRECT_DECISIONS = DIRECT ? directDecisions() : null;

  private AgentLink() {}

  static boolean isEnabled(String flag, String shopperId) {
    try {
      return (code(flag, shopperId) & 1) != 0;
    } catch (Throwable bridgeFailure) {
      return false; // the bridge never throws; if it did, off is the safe answer
    }
  }

  static Decision evaluate(String flag, String shopperId) {
    int code;
    Decision[] table;
    try {
      code = code(flag, shopperId);
      table = DIRECT ? DIRECT_DECISIONS : HandleLink.decisions();
    } catch (Throwable bridgeFailure) {
      return Decision.AGENT_ABSENT;
    }
    return code >= 0 && code < table.length ? table[code] : Decision.AGENT_ABSENT;
  }

  static boolean inShadow() {
    try {
      return DIRECT ? FlagGateBridge.inShadow() : HandleLink.inShadow();
    } catch (Throwable bridgeFailure) {
      return false;
    }
  }

  static boolean attached() {
    return DIRECT || HandleLink.attached();
  }

  /**
   * Called by an agent attached to the running JVM (by reflection, see the agent's {@code
   * ApiRelinker}): points the method-handle link at its bridge.
   *
   * @return whether the agent is now linked
   */
  static boolean relink() {
    return DIRECT || HandleLink.relink();
  }

  private static int code(String flag, String shopperId) throws Throwable {
    return DIRECT ? FlagGateBridge.evaluate(flag, shopperId) : HandleLink.evaluateCode(flag, shopperId);
  }

  /**
   * True when the bootstrap loader holds the agent's bridge, its transformer is installed, and this
   * class's loader resolves the bridge's name to that very class. Asks the bootstrap loader first,
   * so that without the agent nothing is thrown or caught.
   */
  private static boolean bridgeResolvesByName() {
    try {
      Class<?> bootstrapBridge = Class.forName(BRIDGE_CLASS, false, null);
      return FlagGateBridge.class == bootstrapBridge && FlagGateBridge.attached();
    } catch (ClassNotFoundException noAgent) {
      return false;
    } catch (LinkageError | RuntimeException unreachableOrIncompatible) {
      // a loader that cannot see the bootstrap bridge by name, or a bridge of another agent
      // version: the method-handle link copes with both
      return false;
    }
  }

  private static Decision[] directDecisions() {
    try {
      return Decision.table(FlagGateBridge.reasonWords());
    } catch (Throwable incompatibleBridge) {
      return new Decision[0]; // every code then reads as agent_absent: off, never on by mistake
    }
  }
}
