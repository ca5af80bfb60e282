package dev.flaggate.processing;

import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @FlagGated} method: where it sits, its flag name and its {@code legacy} method
 * here; the shopper parameter and the comparison in {@link ShopperParameterCheck} and
 * {@link ComparisonCheck}. The rules are those the agent applies at class-load time (contract
 * sections 2 and 6).
 */
final class GatedMethodChecker {

  private final ProcessingEnvironment env;
  private final Types types;

  GatedMethodChecker(ProcessingEnvironment env) {
    this.env = env;
    this.types = env.getTypeUtils();
  }

  void check(ExecutableElement method) {
    if (!(method.getEnclosingElement() instanceof TypeElement owner)) {
      return;
    }
    GatedAnnotation gated = GatedAnnotation.of(method, env.getElementUtils());
    if (gated == null) {
      return;
    }
    Report report = new Report(env.getMessager(), types, owner, method, gated.mirror());
    if (!checkPlacement(owner, method, report)) {
      return; // no body to route: the other checks would only add noise
    }
    checkFlagName(gated, report);
    checkLegacy(owner, method, gated, report);
    new ShopperParameterCheck(env, owner, method, report).check();
    new ComparisonCheck(env, method, gated, report).check();
  }

  private static boolean checkPlacement(TypeElement owner, ExecutableElement method, Report report) {
    if (owner.getKind().isInterface()) {
      report.error(method, "it is an interface method, and the agent gates only methods of classes",
          "put @FlagGated on the implementation in a class that implements " + owner.getSimpleName());
      return false;
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(method, "it is abstract, so it has no body of its own to route",
          "put @FlagGated on the concrete implementation in a subclass of " + owner.getSimpleName());
      return false;
    }
    if (method.getModifiers().contains(Modifier.NATIVE)) {
      report.error(method, "it is native, so it has no bytecode the agent can rewrite",
          "gate a Java method that calls " + method.getSimpleName() + " instead");
      return false;
    }
    return true;
  }

  private static void checkFlagName(GatedAnnotation gated, Report report) {
    if (gated.string("value").isBlank()) {
      report.errorOnAnnotation(gated.written("value"), "the flag name is empty",
          "name the flag: @FlagGated(\"MY_FLAG\")");
    }
  }

  private void checkLegacy(TypeElement owner, ExecutableElement method, GatedAnnotation gated, Report report) {
    if (hasUnresolvedType(method)) {
      return; // javac reports the missing type; comparing error types would only add a confusing second error
    }
    String legacy = gated.string("legacy");
    String needed = report.declaration(method, legacy.isEmpty() ? "legacyMethodName" : legacy);
    if (legacy.isEmpty()) {
      if (method.getReturnType().getKind() != TypeKind.VOID) {
        report.errorOnAnnotation(gated.written("legacy"),
            "it returns " + report.simpleName(method.getReturnType())
                + " but names no legacy method, so nothing can answer the caller when the flag is off",
            "name the legacy alternative, @FlagGated(value = \"" + gated.string("value")
                + "\", legacy = \"legacyMethodName\"), declared in " + owner.getSimpleName() + " as " + needed);
      }
      return;
    }
    List<ExecutableElement> sameName = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
        .filter(candidate -> candidate.getSimpleName().contentEquals(legacy))
        .collect(Collectors.toList());
    String declareIt = "declare " + needed + " in " + owner.getSimpleName() + " (any visibility), or correct legacy = \""
        + legacy + "\"";
    if (sameName.isEmpty()) {
      report.errorOnAnnotation(gated.written("legacy"),
          "its legacy method \"" + legacy + "\" does not exist in " + report.ownerName(), declareIt);
      return;
    }
    if (sameName.stream().anyMatch(candidate -> !candidate.equals(method) && fits(method, candidate))) {
      return;
    }
    if (sameName.size() == 1 && sameName.get(0).equals(method)) {
      report.errorOnAnnotation(gated.written("legacy"),
          "legacy = \"" + legacy + "\" names the gated method itself",
          "name the old implementation, a different method with the same parameters and return type");
      return;
    }
    String found = sameName.stream().filter(candidate -> !candidate.equals(method))
        .map(candidate -> report.declaration(candidate, legacy)).collect(Collectors.joining("; "));
    report.errorOnAnnotation(gated.written("legacy"),
        "its legacy method \"" + legacy + "\" does not match: found " + found + "; need " + needed
            + " (same parameter types and return type after erasure, static only if the gated method is,"
            + " not abstract)",
        "change the legacy method to " + needed + ", or correct legacy = \"" + legacy + "\"");
  }

  private static boolean hasUnresolvedType(ExecutableElement method) {
    return method.getReturnType().getKind() == TypeKind.ERROR
        || method.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR);
  }

  /** Same erased parameter and return types, same static-ness, and a body: what the agent can call. */
  private boolean fits(ExecutableElement method, ExecutableElement candidate) {
    if (candidate.getModifiers().contains(Modifier.ABSTRACT)
        || candidate.getModifiers().contains(Modifier.STATIC) != method.getModifiers().contains(Modifier.STATIC)
        || candidate.getParameters().size() != method.getParameters().size()
        || !sameErasure(candidate.getReturnType(), method.getReturnType())) {
      return false;
    }
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (!sameErasure(candidate.getParameters().get(i).asType(), method.getParameters().get(i).asType())) {
        return false;
      }
    }
    return candidate.getKind() == ElementKind.METHOD;
  }

  private boolean sameErasure(TypeMirror a, TypeMirror b) {
    return types.isSameType(types.erasure(a), types.erasure(b));
  }
}
