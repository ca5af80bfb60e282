package dev.flaggate.processing;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Fails the build for {@code @FlagGated} methods the agent could not route, so the mistake is caught
 * by {@code javac} rather than at class-load time in production (contract section 6, last bullet).
 *
 * <p>The checks mirror what the agent verifies when it instruments a class: a body of its own, a
 * flag name, a {@code legacy} method of the same class with the same erased signature and
 * static-ness, one way to find the shopper, and an instantiable comparator. Where dual-run
 * comparison would be meaningless (a result type that inherits {@code Object.equals}, a
 * {@code Future}) it warns instead: the call is still routed correctly.
 *
 * <p>It never claims the annotation, so other processors still see it, and it needs nothing beyond
 * {@code java.compiler}: the API jar keeps no dependencies.
 */
@SupportedAnnotationTypes(FlagGatedProcessor.FLAG_GATED)
public final class FlagGatedProcessor extends AbstractProcessor {

  static final String FLAG_GATED = "dev.flaggate.FlagGated";

  /** Created by {@code javac} through {@link java.util.ServiceLoader}, or by a build tool. */
  public FlagGatedProcessor() {}

  @Override
  public SourceVersion getSupportedSourceVersion() {
    // the checks read only stable model API, so any newer language level is fine
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement flagGated = processingEnv.getElementUtils().getTypeElement(FLAG_GATED);
    if (flagGated == null || annotations.isEmpty()) {
      return false;
    }
    GatedMethodChecker checker = new GatedMethodChecker(processingEnv);
    for (var element : round.getElementsAnnotatedWith(flagGated)) {
      if (element.getKind() == ElementKind.METHOD) {
        checker.check((ExecutableElement) element);
      }
    }
    return false;
  }
}
