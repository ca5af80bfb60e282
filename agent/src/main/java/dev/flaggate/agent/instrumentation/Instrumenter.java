package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteRegistry;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the class-file transformer that rewrites gated methods, and retransforms classes that were
 * loaded before the agent (when attached to a running JVM).
 */
public final class Instrumenter {

  private Instrumenter() {}

  /**
   * Registers the class-file filter with {@code instrumentation} at once, and returns the future that
   * completes it: call {@link #buildTransformer} (on any thread) and complete the future with it.
   * From then on every class that declares a {@code @FlagGated} method is rewritten as it loads.
   */
  public static CompletableFuture<ClassFileTransformer> installFilter(Instrumentation instrumentation) {
    CompletableFuture<ClassFileTransformer> byteBuddy = new CompletableFuture<>();
    instrumentation.addTransformer(new AnnotationPrefilter(byteBuddy), instrumentation.isRetransformClassesSupported());
    return byteBuddy;
  }

  /** The Byte Buddy transformer that rewrites gated methods (loads Byte Buddy: a few hundred ms cold). */
  public static ClassFileTransformer buildTransformer(SiteRegistry sites, InstrumentationReporter reporter) {
    // we add no initializers (no class format changes), so Byte Buddy's Nexus is never needed; disabling it
    // keeps Byte Buddy from touching sun.misc.Unsafe, which JDK 24+ warns about. The property name is
    // Byte Buddy's own package, relocated in the agent jar, so it never affects the application's Byte Buddy.
    System.setProperty(ByteBuddy.class.getPackage().getName() + ".nexus.disabled", "true");
    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new FailureListener(reporter))
        .ignore(ElementMatchers.nameStartsWith("dev.flaggate.agent.")
            .or(ElementMatchers.nameStartsWith("dev.flaggate.bootstrap."))
            .or(ElementMatchers.nameStartsWith("dev.flaggate.shaded.")))
        .type(ElementMatchers.declaresMethod(ElementMatchers.isAnnotatedWith(
            ElementMatchers.named(GatedMethodAnalyzer.FLAG_GATED))))
        .transform(new GatedMethodTransformer(sites, reporter))
        .makeRaw();
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
          if (annotation.annotationType().getName().equals(GatedMethodAnalyzer.FLAG_GATED)) {
            return true;
          }
        }
      }
    } catch (Throwable unresolvable) {
      // a class whose members cannot be resolved cannot be one we gate usefully
    }
    return false;
  }

  /** Reports classes Byte Buddy could not transform; they load unchanged. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {

    private final InstrumentationReporter reporter;

    FailureListener(InstrumentationReporter reporter) {
      this.reporter = reporter;
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
      reporter.failed(typeName, throwable);
    }
  }

}
