package dev.flaggate.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code java.lang} to the agent's own classes, so that the rollout engine reads a shopper
 * id's bytes in place for the percent bucket (four bytes per load; see {@code rollout.StringBytes}).
 *
 * <p>Only when the agent's classes are in the bootstrap loader, as its manifest arranges: their
 * module, the bootstrap loader's unnamed module, holds nothing of the application's. A renamed jar
 * runs from the system loader, whose unnamed module is the application's own class path; opening
 * {@code java.lang} there would widen what the application may do, so the engine reads chars then
 * (the same buckets, a few ns slower). Runs on the agent's start thread, never in {@code premain}:
 * the JDK's {@code redefineModule} is not free in a cold JVM, and nothing routes before the runtime
 * is ready. A failure only costs that speed.
 */
final class JavaLangOpening {

  private JavaLangOpening() {}

  /** Opens it if the agent runs from the bootstrap loader; {@code agent_started} says the outcome ({@code bucket_reads}). */
  static void open(Instrumentation instrumentation) {
    if (JavaLangOpening.class.getClassLoader() != null) {
      return;
    }
    try {
      Module agent = JavaLangOpening.class.getModule();
      Module javaBase = String.class.getModule();
      if (!javaBase.isOpen("java.lang", agent)) {
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
      }
    } catch (RuntimeException refused) {
      // the bucket reads chars: the same answers, a few ns slower
    }
  }
}
