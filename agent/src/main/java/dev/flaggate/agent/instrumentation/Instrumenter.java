package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteRegistry;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the class-file transformer that rewrites gated methods, and retransforms classes that were
 * loaded before the agent (when attached to a running JVM).
 */
public final class Instrumenter {

  private Instrumenter() {}

  /**
   * Registers the transformer with {@code instrumentation}: from now on every class that declares a
   * {@code @FlagGated} method is rewritten as it loads. Loads nothing beyond the plain-JDK filter;
   * the rewriting classes load with the first gated class.
   */
  public static void install(Instrumentation instrumentation, SiteRegistry sites, InstrumentationReporter reporter) {
    instrumentation.addTransformer(new AnnotationPrefilter(sites, reporter), instrumentation.isRetransformClassesSupported());
  }

  /**
   * Rewrites gated classes that were already loaded: the agent was attached to a running JVM.
   *
   * @return how many classes were retransformed
   */
  public static int retransformLoaded(Instrumentation instrumentation, InstrumentationReporter reporter) {
    List<Class<?>> gated = new ArrayList<>();
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      if (instrumentation.isModifiableClass(loaded) && declaresGatedMethod(loaded)) {
        gated.add(loaded);
      }
    }
    for (Class<?> type : gated) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable e) {
        reporter.failed(type.getName(), e);
      }
    }
    return gated.size();
  }

  private static boolean declaresGatedMethod(Class<?> type) {
    if (type.isArray() || type.isPrimitive() || type.getClassLoader() == null || type.isSynthetic()) {
      return false;
    }
    try {
      for (Method method : type.getDeclaredMethods()) {
        for (var annotation : method.getDeclaredAnnotations()) {
          if (annotation.annotationType().getName().equals("dev.flaggate.FlagGated")) {
            return true;
          }
        }
      }
    } catch (Throwable unresolvable) {
      // a type its methods name is absent at run time (an optional dependency: legal, common), so
      // reflection fails; yet the class runs and may be gated. Its class file decides instead
      return classFileMentionsFlagGated(type);
    }
    return false;
  }

  /**
   * Whether the class file of {@code type}, read through its loader, mentions {@code @FlagGated};
   * true when it cannot be read, so that the retransformation's own look at the bytes decides.
   */
  private static boolean classFileMentionsFlagGated(Class<?> type) {
    byte[] classFile = LoadedClassFiles.read(type);
    return classFile == null || AnnotationPrefilter.mentionsFlagGated(classFile);
  }
}
