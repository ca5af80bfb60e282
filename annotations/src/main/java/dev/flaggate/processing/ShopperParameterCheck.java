package dev.flaggate.processing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that a gated method has exactly one way to find its shopper (contract section 2): one
 * {@code @ShopperId} parameter, or else a parameter named {@code shopperId}, whose type is used
 * through {@code toString()} or has an accessor the gated class can call.
 */
final class ShopperParameterCheck {

  private static final String SHOPPER_ID = "dev.flaggate.ShopperId";
  private static final List<String> ID_TYPES = List.of("java.lang.CharSequence", "java.lang.Number", "java.util.UUID");
  private static final Set<String> ACCESSORS = Set.of("shopperId", "getShopperId");

  private final Elements elements;
  private final Types types;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final Report report;

  ShopperParameterCheck(ProcessingEnvironment env, TypeElement owner, ExecutableElement method, Report report) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.owner = owner;
    this.method = method;
    this.report = report;
  }

  void check() {
    List<? extends VariableElement> annotated = method.getParameters().stream()
        .filter(parameter -> GatedAnnotation.mirrorOf(parameter, SHOPPER_ID) != null)
        .collect(Collectors.toList());
    if (annotated.size() > 1) {
      String names = annotated.stream().map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", "));
      for (VariableElement extra : annotated.subList(1, annotated.size())) {
        report.error(extra, "more than one parameter carries @ShopperId (" + names + ")",
            "keep @ShopperId on the one parameter that identifies the shopper");
      }
      return;
    }
    VariableElement shopper = annotated.isEmpty() ? namedShopperId() : annotated.get(0);
    if (shopper == null) {
      report.error(method, "no parameter identifies the shopper the flag is evaluated for",
          "annotate one parameter with @ShopperId (a parameter merely named shopperId is matched at run time"
              + " only when the class is compiled with -parameters)");
      return;
    }
    checkType(shopper);
  }

  private VariableElement namedShopperId() {
    for (VariableElement parameter : method.getParameters()) {
      if (parameter.getSimpleName().contentEquals("shopperId")) {
        return parameter;
      }
    }
    return null;
  }

  private void checkType(VariableElement shopper) {
    TypeMirror type = types.erasure(shopper.asType());
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.ERROR || isIdType(type)) {
      return; // an unresolved type is javac's own error to report
    }
    if (type.getKind() == TypeKind.DECLARED && hasAccessor((TypeElement) ((DeclaredType) type).asElement())) {
      return;
    }
    String typeName = report.simpleName(type);
    report.error(shopper,
        "its shopper parameter " + shopper.getSimpleName() + " is a " + typeName
            + ", which is not a CharSequence, Number, UUID or primitive and has no no-argument shopperId() or"
            + " getShopperId() accessor that " + owner.getSimpleName() + " can call",
        "pass the id itself (a String, UUID or Long), or give " + typeName
            + " an accessible accessor such as public String shopperId()");
  }

  private boolean isIdType(TypeMirror type) {
    for (String name : ID_TYPES) {
      TypeElement idType = elements.getTypeElement(name);
      if (idType != null && types.isAssignable(type, types.erasure(idType.asType()))) {
        return true;
      }
    }
    return false;
  }

  private boolean hasAccessor(TypeElement type) {
    for (ExecutableElement candidate : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (ACCESSORS.contains(candidate.getSimpleName().toString())
          && candidate.getParameters().isEmpty()
          && !candidate.getModifiers().contains(Modifier.STATIC)
          && candidate.getReturnType().getKind() != TypeKind.VOID
          && accessibleFromOwner(candidate)) {
        return true;
      }
    }
    return false;
  }

  private boolean accessibleFromOwner(ExecutableElement accessor) {
    Set<Modifier> modifiers = accessor.getModifiers();
    TypeElement declaring = (TypeElement) accessor.getEnclosingElement();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      return outermost(declaring).equals(outermost(owner)); // nestmates
    }
    if (packageOf(declaring).equals(packageOf(owner))) {
      return true;
    }
    return modifiers.contains(Modifier.PROTECTED)
        && types.isSubtype(types.erasure(owner.asType()), types.erasure(declaring.asType()));
  }

  private static Element outermost(Element element) {
    Element current = element;
    while (current.getEnclosingElement() != null && current.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
      current = current.getEnclosingElement();
    }
    return current;
  }

  private PackageElement packageOf(Element element) {
    return elements.getPackageOf(element);
  }
}
