package dev.flaggate.bootstrap;

/**
 * What every copy of the API jar's {@code FlagGate} links to (by name, through the bootstrap class
 * loader). Answers are primitives and strings only: no type of the API jar crosses class loaders.
 */
public final class FlagGateBridge {

  private FlagGateBridge() {}

  /** The decision for {@code flag} and {@code shopperId}, as {@code reasonIndex << 1 | enabled}. */
  public static int evaluate(String flag, String shopperId) {
    try {
      return GatedCalls.dispatcher().evaluate(flag, shopperId);
    } catch (Throwable agentFailure) {
      return 1 << 1; // off, invalid_config: a failing agent never turns a flag on
    }
  }

  /** The reason words that decision codes index. */
  public static String[] reasonWords() {
    return GatedCalls.dispatcher().reasonWords();
  }

  /** Whether the agent routes gated methods in this JVM: its transformer is installed. */
  public static boolean attached() {
    return GatedCalls.routing();
  }

  /** Whether the current thread runs a secondary execution. */
  public static boolean inShadow() {
    try {
      return GatedCalls.dispatcher().inShadow();
    } catch (Throwable agentFailure) {
      return false;
    }
  }
}
