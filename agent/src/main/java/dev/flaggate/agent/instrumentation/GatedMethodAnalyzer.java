package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Reads a {@code @FlagGated} method at class-load time and decides, once, how its calls are routed:
 * which legacy method stands in for it, which parameter identifies the shopper, whether its outcomes
 * can be compared. Anything that makes routing impossible comes back as a {@link Misconfiguration}
 * naming class, method and fix; the method is then left untouched.
 */
final class GatedMethodAnalyzer {

  static final String FLAG_GATED = "dev.flaggate.FlagGated";
  static final String SHOPPER_ID = "dev.flaggate.ShopperId";
  private static final String DEFAULT_COMPARATOR = "dev.flaggate.ResultComparator$Equality";
  /** Arguments of these types (or subtypes) identify the shopper through {@code toString()} (contract 2). */
  private static final List<Class<?>> TO_STRING_TYPES = List.of(CharSequence.class, Number.class, java.util.UUID.class);
  private static final Set<String> NOT_COMPARABLE = Set.of(
      "java.util.concurrent.Future", "java.util.concurrent.CompletionStage",
      "java.util.concurrent.CompletableFuture", "java.util.concurrent.FutureTask");

  /** The outcome of analysing one method: a plan, or why it cannot be routed. */
  sealed interface Result permits Planned, Rejected {}

  record Planned(GatedMethodPlan plan) implements Result {}

  record Rejected(Misconfiguration misconfiguration) implements Result {}

  Result analyze(TypeDescription type, MethodDescription.InDefinedShape method) {
    AnnotationDescription gated = flagGatedOf(method);
    String flag = gated.getValue("value").resolve(String.class);
    String legacyName = gated.getValue("legacy").resolve(String.class);
    String signature = signatureOf(method);

    if (type.isInterface() || method.isAbstract() || method.isNative()) {
      return reject(type, signature, "it has no body of its own (abstract, interface or native)",
          "put @FlagGated on the concrete implementation in a class");
    }
    if (method.isConstructor() || method.isTypeInitializer()) {
      return reject(type, signature, "constructors cannot be gated", "gate a method the constructor calls");
    }
    if (flag.isBlank()) {
      return reject(type, signature, "the flag name is empty", "name the flag: @FlagGated(\"MY_FLAG\")");
    }
    if (type.getClassFileVersion() != null
        && type.getClassFileVersion().isLessThan(net.bytebuddy.ClassFileVersion.JAVA_V7)) {
      return reject(type, signature, "the class is compiled for Java 6 or older",
          "compile it for Java 7 or newer (release 8+)");
    }

    MethodDescription.InDefinedShape legacy = null;
    if (legacyName.isEmpty()) {
      if (!method.getReturnType().represents(void.class)) {
        return reject(type, signature, "it returns " + method.getReturnType().asErasure().getSimpleName()
            + " but names no legacy method, so there is nothing to answer with when the flag is off",
            "name the legacy alternative: @FlagGated(value = \"" + flag + "\", legacy = \"legacyMethodName\")");
      }
    } else {
      legacy = findLegacy(type, method, legacyName);
      if (legacy == null) {
        return reject(type, signature, describeMissingLegacy(type, method, legacyName),
            "declare " + (method.isStatic() ? "static " : "") + method.getReturnType().asErasure().getSimpleName()
                + " " + legacyName + "(" + parameterTypes(method) + ") in " + type.getSimpleName()
                + ", or fix the name in legacy = \"" + legacyName + "\"");
      }
    }

    List<String> warnings = new ArrayList<>();
    ParameterDescription.InDefinedShape shopper = findShopperParameter(method);
    MethodDescription accessor = null;
    if (shopper == null) {
      warnings.add("no parameter identifies the shopper (annotate one with @ShopperId, or name it shopperId"
          + " and compile with -parameters): every call is evaluated with no shopper");
    } else if (!usedThroughToString(shopper.getType().asErasure())) {
      accessor = findAccessor(shopper.getType().asErasure(), type);
      if (accessor == null) {
        warnings.add("parameter " + shopper.getIndex() + " (" + shopper.getType().asErasure().getSimpleName()
            + ") has no accessible shopperId() or getShopperId() accessor: every call is evaluated with no shopper");
        shopper = null;
      }
    }

    boolean comparable = !isFutureLike(method.getReturnType().asErasure());
    if (!comparable) {
      warnings.add("it returns " + method.getReturnType().asErasure().getSimpleName()
          + ": it is routed, but dual-run cannot compare its outcomes yet (only completion is awaited by nobody)");
    }
    TypeDescription comparator = gated.getValue("comparator").resolve(TypeDescription.class);
    if (comparator.getName().equals(DEFAULT_COMPARATOR) && comparable && lacksEquals(method.getReturnType().asErasure())) {
      warnings.add("its result type " + method.getReturnType().asErasure().getName()
          + " does not override equals(): dual-run compares by identity and will report every call as a divergence;"
          + " give the type an equals() or name a comparator");
    }

    SiteDescriptor site = new SiteDescriptor(
        type.getName(),
        method.getName(),
        method.isStatic(),
        legacy == null ? null : legacy.getName(),
        flag,
        emptyToNull(gated.getValue("shadowFlag").resolve(String.class)),
        emptyToNull(gated.getValue("dualRunFlag").resolve(String.class)),
        comparator.getName(),
        comparable);
    return new Planned(new GatedMethodPlan(method, legacy, shopper, accessor, site, List.copyOf(warnings)));
  }

  static boolean isGated(MethodDescription method) {
    return !method.isBridge() && flagGatedOf(method) != null;
  }

  private static AnnotationDescription flagGatedOf(MethodDescription method) {
    for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
      if (annotation.getAnnotationType().getName().equals(FLAG_GATED)) {
        return annotation;
      }
    }
    return null;
  }

  private static MethodDescription.InDefinedShape findLegacy(
      TypeDescription type, MethodDescription.InDefinedShape method, String legacyName) {
    MethodList<MethodDescription.InDefinedShape> candidates = type.getDeclaredMethods()
        .filter(ElementMatchers.named(legacyName)
            .and(ElementMatchers.takesArguments(method.getParameters().asTypeList().asErasures()))
            .and(ElementMatchers.returns(method.getReturnType().asErasure()))
            .and(ElementMatchers.not(ElementMatchers.isBridge())));
    for (MethodDescription.InDefinedShape candidate : candidates) {
      if (candidate.isStatic() == method.isStatic() && !candidate.equals(method) && !candidate.isAbstract()) {
        return candidate;
      }
    }
    return null;
  }

  private static String describeMissingLegacy(
      TypeDescription type, MethodDescription.InDefinedShape method, String legacyName) {
    MethodList<MethodDescription.InDefinedShape> sameName = type.getDeclaredMethods().filter(ElementMatchers.named(legacyName));
    if (sameName.isEmpty()) {
      return "its legacy method \"" + legacyName + "\" does not exist in " + type.getName();
    }
    String found = sameName.stream().map(GatedMethodAnalyzer::describeSignature).collect(Collectors.joining(", "));
    return "its legacy method \"" + legacyName + "\" does not match: found " + found + ", need "
        + describeSignature(method).replaceFirst(" " + method.getName() + "\\(", " " + legacyName + "(");
  }

  private static ParameterDescription.InDefinedShape findShopperParameter(MethodDescription.InDefinedShape method) {
    for (ParameterDescription.InDefinedShape parameter : method.getParameters()) {
      for (AnnotationDescription annotation : parameter.getDeclaredAnnotations()) {
        if (annotation.getAnnotationType().getName().equals(SHOPPER_ID)) {
          return parameter;
        }
      }
    }
    for (ParameterDescription.InDefinedShape parameter : method.getParameters()) {
      if (parameter.isNamed() && parameter.getName().equals("shopperId")) {
        return parameter;
      }
    }
    return null;
  }

  private static boolean usedThroughToString(TypeDescription type) {
    if (type.isPrimitive()) {
      return true;
    }
    for (Class<?> accepted : TO_STRING_TYPES) {
      if (type.isAssignableTo(accepted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code shopperId()} or {@code getShopperId()} accessor of the parameter's type, declared by
   * it, a superclass or an interface (a default method counts), and callable from the gated class.
   */
  private static MethodDescription findAccessor(TypeDescription parameterType, TypeDescription caller) {
    for (String name : new String[] {"shopperId", "getShopperId"}) {
      java.util.Deque<TypeDefinition> pending = new java.util.ArrayDeque<>(List.of(parameterType));
      while (!pending.isEmpty()) {
        TypeDefinition current = pending.poll();
        for (MethodDescription candidate : current.getDeclaredMethods().filter(ElementMatchers.named(name)
            .and(ElementMatchers.takesArguments(0)).and(ElementMatchers.not(ElementMatchers.isStatic()))
            .and(ElementMatchers.not(ElementMatchers.returns(void.class))))) {
          if (candidate.isVisibleTo(caller) && candidate.getDeclaringType().asErasure().isVisibleTo(caller)) {
            return candidate;
          }
        }
        if (current.getSuperClass() != null) {
          pending.add(current.getSuperClass());
        }
        pending.addAll(current.getInterfaces());
      }
    }
    return null;
  }

  private static boolean isFutureLike(TypeDescription type) {
    if (NOT_COMPARABLE.contains(type.getName())) {
      return true;
    }
    for (TypeDescription.Generic implemented : type.getInterfaces()) {
      if (NOT_COMPARABLE.contains(implemented.asErasure().getName())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a concrete class inherits {@code Object.equals}: its outcomes would compare by identity. */
  private static boolean lacksEquals(TypeDescription type) {
    if (type.isPrimitive() || type.isArray() || type.isInterface() || type.isAbstract() || type.isEnum()
        || type.represents(void.class) || type.represents(Object.class)) {
      return false; // primitives and arrays compare by value; abstract types may be subclassed with equals
    }
    TypeDefinition current = type;
    while (current != null && !current.represents(Object.class)) {
      if (!current.getDeclaredMethods().filter(ElementMatchers.isEquals()).isEmpty()) {
        return false;
      }
      current = current.getSuperClass();
    }
    return true;
  }

  private static Rejected reject(TypeDescription type, String method, String problem, String fix) {
    return new Rejected(new Misconfiguration(type.getName(), method, problem, fix));
  }

  private static String signatureOf(MethodDescription method) {
    return method.getName() + "(" + parameterTypes(method) + ")";
  }

  private static String describeSignature(MethodDescription method) {
    return (method.isStatic() ? "static " : "") + method.getReturnType().asErasure().getSimpleName() + " "
        + method.getName() + "(" + parameterTypes(method) + ")";
  }

  private static String parameterTypes(MethodDescription method) {
    return method.getParameters().asTypeList().asErasures().stream()
        .map(TypeDescription::getSimpleName).collect(Collectors.joining(", "));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
