package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Reads a {@code @FlagGated} method at class-load time and decides, once, how its calls are routed:
 * which legacy method stands in for it, which parameter identifies the shopper, whether its outcomes
 * can be compared. Anything that makes routing impossible comes back as a {@link Misconfiguration}
 * naming class, method and fix; the method is then left untouched.
 */
final class GatedMethodAnalyzer {

  /** Arguments of these types (or subtypes) identify the shopper through {@code toString()} (contract 2). */
  private static final Set<String> TO_STRING_TYPES = Set.of("java/lang/CharSequence", "java/lang/Number", "java/util/UUID");
  private static final Set<String> NOT_COMPARABLE = Set.of(
      "java/util/concurrent/Future", "java/util/concurrent/CompletionStage",
      "java/util/concurrent/CompletableFuture", "java/util/concurrent/FutureTask");

  /** The outcome of analysing one method: a plan, or why it cannot be routed. */
  sealed interface Result permits Planned, Rejected {}

  record Planned(GatedMethodPlan plan) implements Result {}

  record Rejected(Misconfiguration misconfiguration) implements Result {}

  private GatedMethodAnalyzer() {}

  /** Whether {@code method} is one the agent routes: annotated, and not a compiler-made bridge. */
  static boolean isGated(MethodShape method) {
    return method.gated() != null && !method.is(Opcodes.ACC_BRIDGE);
  }

  static Result analyze(ClassShape type, MethodShape method, TypeHierarchy hierarchy) {
    FlagGatedValues gated = method.gated();
    String flag = gated.flag();
    String signature = TypeNames.signature(method);
    Type returnType = method.returnType();

    if (method.is(Opcodes.ACC_ABSTRACT) || method.is(Opcodes.ACC_NATIVE)) {
      return reject(type, signature, "it has no body of its own (abstract or native)",
          "put @FlagGated on the concrete implementation in a class");
    }
    if (type.isInterface()) {
      return reject(type, signature, "it is declared in an interface: the agent routes methods of classes only,"
              + " default and static interface methods included",
          "put @FlagGated on the method of the class that implements it");
    }
    if (method.name().startsWith("<")) {
      return reject(type, signature, "constructors cannot be gated", "gate a method the constructor calls");
    }
    if (flag.isBlank()) {
      return reject(type, signature, "the flag name is empty", "name the flag: @FlagGated(\"MY_FLAG\")");
    }
    if (type.majorVersion() < Opcodes.V1_7) {
      return reject(type, signature, "the class is compiled for Java 6 or older",
          "compile it for Java 7 or newer (release 8+)");
    }

    MethodShape legacy = null;
    if (gated.legacy().isEmpty()) {
      if (returnType.getSort() != Type.VOID) {
        return reject(type, signature, "it returns " + TypeNames.simpleName(returnType)
            + " but names no legacy method, so there is nothing to answer with when the flag is off",
            "name the legacy alternative: @FlagGated(value = \"" + flag + "\", legacy = \"legacyMethodName\")");
      }
    } else {
      legacy = findLegacy(type, method, gated.legacy());
      if (legacy == null) {
        return reject(type, signature, describeMissingLegacy(type, method, gated.legacy()),
            "declare " + TypeNames.declaration(method, gated.legacy()) + " in " + type.simpleName()
                + ", or fix the name in legacy = \"" + gated.legacy() + "\"");
      }
    }

    List<String> warnings = new ArrayList<>();
    int shopper = findShopperParameter(method);
    ShopperAccessor accessor = null;
    if (shopper < 0) {
      warnings.add("no parameter identifies the shopper (annotate one with @ShopperId, or name it shopperId"
          + " and compile with -parameters): every call is evaluated with no shopper");
    } else {
      Type shopperType = method.parameterTypes()[shopper];
      if (!usedThroughToString(shopperType, hierarchy)) {
        accessor = findAccessor(shopperType, type, hierarchy);
        if (accessor == null) {
          warnings.add("parameter " + shopper + " (" + TypeNames.simpleName(shopperType)
              + ") has no accessible shopperId() or getShopperId() accessor: every call is evaluated with no shopper");
          shopper = -1;
        }
      }
    }

    boolean comparable = !isFutureLike(returnType, hierarchy);
    if (!comparable) {
      warnings.add("it returns " + TypeNames.simpleName(returnType)
          + ": it is routed, but dual-run cannot compare its outcomes yet (only completion is awaited by nobody)");
    }
    if (gated.comparator().equals(FlagGatedValues.DEFAULT_COMPARATOR) && comparable
        && returnType.getSort() == Type.OBJECT && !returnType.getInternalName().equals("java/lang/Object")
        && hierarchy.inheritsObjectEquals(returnType.getInternalName())) {
      warnings.add("its result type " + returnType.getClassName()
          + " does not override equals(): dual-run compares by identity and will report every call as a divergence;"
          + " give the type an equals() or name a comparator");
    }

    SiteDescriptor site = new SiteDescriptor(
        type.binaryName(),
        method.name(),
        method.descriptor(),
        method.isStatic(),
        legacy == null ? null : legacy.name(),
        flag,
        emptyToNull(gated.shadowFlag()),
        emptyToNull(gated.dualRunFlag()),
        gated.comparator(),
        comparable);
    return new Planned(new GatedMethodPlan(type, method, legacy, shopper, accessor, site, List.copyOf(warnings)));
  }

  private static MethodShape findLegacy(ClassShape type, MethodShape method, String legacyName) {
    for (MethodShape candidate : type.methods()) {
      if (candidate.name().equals(legacyName) && candidate.descriptor().equals(method.descriptor())
          && candidate != method && candidate.isStatic() == method.isStatic()
          && !candidate.is(Opcodes.ACC_BRIDGE) && !candidate.is(Opcodes.ACC_ABSTRACT)) {
        return candidate;
      }
    }
    return null;
  }

  // loops, not streams: a misconfigured method is analysed as its class loads, where a lambda would
  // spin classes on the application's thread (StartPathIT)
  private static String describeMissingLegacy(ClassShape type, MethodShape method, String legacyName) {
    List<MethodShape> sameName = new ArrayList<>();
    for (MethodShape candidate : type.methods()) {
      if (candidate.name().equals(legacyName)) {
        sameName.add(candidate);
      }
    }
    if (sameName.isEmpty()) {
      return "its legacy method \"" + legacyName + "\" does not exist in " + type.binaryName();
    }
    for (MethodShape candidate : sameName) {
      if (candidate.descriptor().equals(method.descriptor()) && candidate != method) {
        // the signature matches: say what else keeps it from being the legacy
        if (candidate.is(Opcodes.ACC_ABSTRACT)) {
          return "its legacy method \"" + legacyName + "\" is abstract: legacy must have a body in " + type.binaryName();
        }
        if (candidate.isStatic() != method.isStatic()) {
          return "its legacy method \"" + legacyName + "\" is " + (candidate.isStatic() ? "" : "not ")
              + "static while the gated method is " + (method.isStatic() ? "" : "not ") + "static: both must be alike";
        }
      }
    }
    StringBuilder found = new StringBuilder();
    for (MethodShape candidate : sameName) {
      found.append(found.length() == 0 ? "" : ", ").append(TypeNames.declaration(candidate, candidate.name()));
    }
    return "its legacy method \"" + legacyName + "\" does not match: found " + found + ", need "
        + TypeNames.declaration(method, legacyName);
  }

  private static int findShopperParameter(MethodShape method) {
    if (method.shopperIdParameter() >= 0) {
      return method.shopperIdParameter();
    }
    for (int i = 0; i < method.parameterTypes().length; i++) {
      if ("shopperId".equals(method.parameterName(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean usedThroughToString(Type type, TypeHierarchy hierarchy) {
    return switch (type.getSort()) {
      case Type.ARRAY -> false;
      case Type.OBJECT -> hierarchy.isSubtypeOfAny(type.getInternalName(), TO_STRING_TYPES);
      default -> true; // a primitive id: boxed, then read through toString()
    };
  }

  private static ShopperAccessor findAccessor(Type parameterType, ClassShape caller, TypeHierarchy hierarchy) {
    if (parameterType.getSort() != Type.OBJECT) {
      return null;
    }
    String owner = parameterType.getInternalName();
    MethodShape accessor = hierarchy.findAccessor(owner, caller.packageName(), "shopperId", "getShopperId");
    if (accessor == null) {
      return null;
    }
    ClassShape ownerShape = hierarchy.shapeOf(owner);
    return new ShopperAccessor(owner, ownerShape != null && ownerShape.isInterface(), accessor.name(), accessor.descriptor());
  }

  private static boolean isFutureLike(Type type, TypeHierarchy hierarchy) {
    if (type.getSort() != Type.OBJECT) {
      return false;
    }
    if (NOT_COMPARABLE.contains(type.getInternalName())) {
      return true;
    }
    ClassShape shape = hierarchy.shapeOf(type.getInternalName());
    if (shape != null) {
      for (String implemented : shape.interfaces()) {
        if (NOT_COMPARABLE.contains(implemented)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Rejected reject(ClassShape type, String method, String problem, String fix) {
    return new Rejected(new Misconfiguration(type.binaryName(), method, problem, fix));
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
