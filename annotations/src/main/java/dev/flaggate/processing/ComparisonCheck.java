package dev.flaggate.processing;

import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what dual-run needs to compare two outcomes: a comparator the agent can instantiate (an
 * error otherwise), and a result type whose comparison means something (a warning otherwise, since
 * routing still works).
 */
final class ComparisonCheck {

  private static final String DEFAULT_COMPARATOR = "dev.flaggate.ResultComparator.Equality";
  private static final List<String> NOT_COMPARED = List.of(
      "java.util.concurrent.Future", "java.util.concurrent.CompletionStage");

  private final Elements elements;
  private final Types types;
  private final ExecutableElement method;
  private final GatedAnnotation gated;
  private final Report report;

  ComparisonCheck(ProcessingEnvironment env, ExecutableElement method, GatedAnnotation gated, Report report) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.method = method;
    this.gated = gated;
    this.report = report;
  }

  void check() {
    TypeMirror comparator = gated.type("comparator");
    boolean defaultComparator = comparator == null
        || (comparator.getKind() == TypeKind.DECLARED && qualifiedName(comparator).equals(DEFAULT_COMPARATOR));
    if (!defaultComparator && comparator.getKind() == TypeKind.DECLARED) {
      checkComparator((TypeElement) ((DeclaredType) comparator).asElement());
    }
    TypeMirror result = method.getReturnType();
    if (result.getKind() == TypeKind.VOID || result.getKind() == TypeKind.ERROR) {
      return; // an unresolved type is javac's own error, and would look assignable to anything
    }
    if (isFutureLike(result)) {
      report.warning("it returns " + report.simpleName(result) + ": calls are routed, but dual-run does not compare"
              + " the outcomes (a Future or CompletionStage is not awaited)",
          "gate the method that produces the completed value if its results must be compared,"
              + " or add @SuppressWarnings(\"flaggate\")");
    } else if (defaultComparator && inheritsObjectEquals(result)) {
      String name = report.simpleName(result);
      report.warning("its result type " + name + " does not override equals(), so the default comparator compares"
              + " by identity and dual-run reports every call as a divergence",
          "give " + name + " an equals() (or make it a record), or name a comparator: @FlagGated(..., comparator ="
              + " MyComparator.class)");
    }
  }

  private void checkComparator(TypeElement comparator) {
    String name = comparator.getQualifiedName().toString();
    String fixBase = "name a concrete class implementing ResultComparator with a public no-argument constructor";
    if (comparator.getKind().isInterface() || comparator.getModifiers().contains(Modifier.ABSTRACT)) {
      report.errorOnAnnotation(gated.written("comparator"),
          "its comparator " + name + " is " + (comparator.getKind().isInterface() ? "an interface" : "abstract")
              + ", so the agent cannot instantiate it", fixBase);
    } else if (comparator.getNestingKind() == NestingKind.MEMBER && !comparator.getModifiers().contains(Modifier.STATIC)) {
      report.errorOnAnnotation(gated.written("comparator"),
          "its comparator " + name + " is an inner class, which needs an enclosing instance to be created",
          "declare it static: static class " + comparator.getSimpleName());
    } else if (!hasPublicNoArgConstructor(comparator)) {
      report.errorOnAnnotation(gated.written("comparator"),
          "its comparator " + name + " has no public no-argument constructor, so the agent cannot instantiate it",
          "add public " + comparator.getSimpleName() + "() {} to it");
    }
  }

  private static boolean hasPublicNoArgConstructor(TypeElement type) {
    // an implicit default constructor appears here too, with the class's own access
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
  }

  private boolean isFutureLike(TypeMirror result) {
    TypeMirror erased = types.erasure(result);
    for (String name : NOT_COMPARED) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null && types.isAssignable(erased, types.erasure(type.asType()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a concrete class inherits {@code Object.equals}. Records, enums, arrays and primitives
   * compare by value; interfaces and abstract classes may be implemented with an equals.
   */
  private boolean inheritsObjectEquals(TypeMirror result) {
    if (result.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement type = (TypeElement) ((DeclaredType) result).asElement();
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    for (TypeElement current = type; current != null; current = superclassOf(current)) {
      if (current.getQualifiedName().contentEquals("java.lang.Object")) {
        return current != type;
      }
      if (declaresEquals(current)) {
        return false;
      }
    }
    return false;
  }

  private boolean declaresEquals(TypeElement type) {
    TypeMirror object = elements.getTypeElement("java.lang.Object").asType();
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream().anyMatch(m ->
        m.getSimpleName().contentEquals("equals")
            && !m.getModifiers().contains(Modifier.STATIC)
            && m.getParameters().size() == 1
            && types.isSameType(types.erasure(m.getParameters().get(0).asType()), object));
  }

  private static TypeElement superclassOf(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
  }

  private static String qualifiedName(TypeMirror type) {
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
  }
}
