package dev.flaggate.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * When the agent is attached to a running JVM, copies of the API jar loaded before it linked to
 * nothing: this asks each loaded copy to link again (its package-private {@code AgentLink.relink}).
 */
final class ApiRelinker {

  private static final String AGENT_LINK = "dev.flaggate.AgentLink";

  private ApiRelinker() {}

  static void relinkLoadedApis(Instrumentation instrumentation) {
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (!loaded.getName().equals(AGENT_LINK)) {
        continue;
      }
      try {
        Method relink = loaded.getDeclaredMethod("relink");
        relink.setAccessible(true);
        relink.invoke(null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        StartupMessages.warn("could not link the API jar in " + loaded.getClassLoader() + ": " + e
            + "; FlagGate there answers 'agent absent' until restart");
      }
    }
  }
}
