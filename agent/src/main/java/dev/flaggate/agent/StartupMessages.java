package dev.flaggate.agent;

import java.io.PrintStream;

/**
 * What the agent says on stderr when it cannot start normally: before its own logging exists, and
 * in words an operator acts on. One JSON-free line each, prefixed {@code flaggate:} for grep.
 */
final class StartupMessages {

  private static final PrintStream ERR = System.err;

  private StartupMessages() {}

  /** The agent is not routing at all: gated methods run their new body, as without the agent. */
  static void inactive(String what, Throwable cause) {
    ERR.println("flaggate: ERROR: the agent " + what + ": " + describe(cause)
        + ". The agent is NOT active: every @FlagGated method runs its own (new) body, as without the agent,"
        + " and FlagGate.agentAttached() answers false.");
  }

  /** The agent routes, but every call goes to legacy because its runtime failed to start. */
  static void legacyOnly(Throwable cause) {
    ERR.println("flaggate: ERROR: the agent failed to start its runtime: " + describe(cause)
        + ". Every gated call runs its LEGACY method until the JVM restarts with a working setup.");
    cause.printStackTrace(ERR);
  }

  static void warn(String message) {
    ERR.println("flaggate: WARN: " + message);
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
