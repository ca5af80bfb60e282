package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteRegistry;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Byte Buddy's switch for its "nexus" (self-initialisation by injected code), named after Byte
   * Buddy's own package so that it is the relocated copy's property in the shaded jar and never the
   * application's Byte Buddy's.
   */
  private static final String NEXUS_DISABLED = ByteBuddy.class.getPackageName() + ".nexus.disabled";

  private Instrumenter() {}

  /**
   * Registers the transformer with {@code instrumentation}; from now on every class that declares a
   * {@code @FlagGated} method is rewritten as it loads.
   */
  public static ClassFileTransformer install(
      Instrumentation instrumentation, SiteRegistry sites, InstrumentationReporter reporter) {
    ClassFileTransformer byteBuddy = newAgentBuilder()
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
    ClassFileTransformer transformer = new AnnotationPrefilter(byteBuddy);
    instrumentation.addTransformer(transformer, instrumentation.isRetransformClassesSupported());
    return transformer;
  }

  /**
   * A new builder, created with the nexus switched off. The default builder prepares nexus
   * self-injection (which we replace by {@code InitializationStrategy.NoOp}) as it is constructed,
   * and that set-up reaches for {@code sun.misc.Unsafe}: on Java 24+ the JVM then prints a
   * deprecation warning on the application's stderr (JEP 471/498), and later releases refuse the
   * call. The property is only read while the builder is constructed, so it is restored at once.
   */
  private static AgentBuilder newAgentBuilder() {
    String previous = System.getProperty(NEXUS_DISABLED);
    System.setProperty(NEXUS_DISABLED, "true");
    try {
      return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
    } finally {
      if (previous == null) {
        System.clearProperty(NEXUS_DISABLED);
      } else {
        System.setProperty(NEXUS_DISABLED, previous);
      }
    }
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
