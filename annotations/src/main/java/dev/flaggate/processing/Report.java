package dev.flaggate.processing;

import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Writes the diagnostics of one gated method, each as {@code @FlagGated Class.method(params): problem.
 * Fix: ...}, the same shape as the agent's class-load-time report, so one search finds both.
 */
final class Report {

  private static final String SUPPRESSION = "flaggate";

  private final Messager messager;
  private final Types types;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final AnnotationMirror gated;

  Report(Messager messager, Types types, TypeElement owner, ExecutableElement method, AnnotationMirror gated) {
    this.messager = messager;
    this.types = types;
    this.owner = owner;
    this.method = method;
    this.gated = gated;
  }

  /** An error on the annotation, pointing at {@code value} when it was written in source. */
  void errorOnAnnotation(AnnotationValue value, String problem, String fix) {
    if (value == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text(problem, fix), method, gated);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text(problem, fix), method, gated, value);
    }
  }

  void error(Element at, String problem, String fix) {
    messager.printMessage(Diagnostic.Kind.ERROR, text(problem, fix), at);
  }

  /** A warning on the method, unless it or an enclosing type says {@code @SuppressWarnings("flaggate")}. */
  void warning(String problem, String fix) {
    if (!suppressed(method)) {
      messager.printMessage(Diagnostic.Kind.WARNING, text(problem, fix), method);
    }
  }

  String ownerName() {
    return owner.getQualifiedName().toString();
  }

  String simpleName(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    if (erased.getKind() == TypeKind.ARRAY) {
      return simpleName(((ArrayType) erased).getComponentType()) + "[]";
    }
    if (erased.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) erased).asElement().getSimpleName().toString();
    }
    return erased.toString();
  }

  /** {@code [static ]Return name(Param, ...)}, erased, as a reader would declare it. */
  String declaration(ExecutableElement candidate, String name) {
    return (candidate.getModifiers().contains(Modifier.ABSTRACT) ? "abstract " : "")
        + (candidate.getModifiers().contains(Modifier.STATIC) ? "static " : "")
        + simpleName(candidate.getReturnType()) + " " + name + "(" + parameterTypes(candidate) + ")";
  }

  String parameterTypes(ExecutableElement candidate) {
    return candidate.getParameters().stream().map(p -> simpleName(p.asType())).collect(Collectors.joining(", "));
  }

  private String text(String problem, String fix) {
    return "@FlagGated " + ownerName() + "." + method.getSimpleName() + "(" + parameterTypes(method) + "): "
        + problem + ". Fix: " + fix;
  }

  private static boolean suppressed(Element element) {
    for (Element current = element; current != null; current = current.getEnclosingElement()) {
      SuppressWarnings suppress = current.getAnnotation(SuppressWarnings.class);
      if (suppress != null && List.of(suppress.value()).contains(SUPPRESSION)) {
        return true;
      }
    }
    return false;
  }
}
