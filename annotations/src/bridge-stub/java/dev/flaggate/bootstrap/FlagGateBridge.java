package dev.flaggate.bootstrap;

/**
 * Compile-time stand-in for the agent's bridge (the real class is the agent's, defined in the
 * bootstrap class loader at start). {@code AgentLink} names it so that a check is a plain static
 * call. javac reads this file only to resolve the name ({@code -implicit:none}): no class file is
 * written, so the API jar never carries a bridge of its own. The signatures must match the agent's
 * {@code dev.flaggate.bootstrap.FlagGateBridge}; a test of the agent module checks that they do.
 */
public final class FlagGateBridge {

  private FlagGateBridge() {}

  public static int evaluate(String flag, String shopperId) {
    throw new AssertionError("compile-time stand-in");
  }

  public static String[] reasonWords() {
    throw new AssertionError("compile-time stand-in");
  }

  public static boolean attached() {
    throw new AssertionError("compile-time stand-in");
  }

  public static boolean inShadow() {
    throw new AssertionError("compile-time stand-in");
  }
}
