package dev.flaggate.agent.instrumentation;

import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One method as its class file declares it: what the analyzer needs, read without loading anything.
 *
 * @param access the method's access flags
 * @param name its name
 * @param descriptor its JVM descriptor, e.g. {@code (Ljava/lang/String;I)V}
 * @param gated the values of its {@code @FlagGated} annotation, or {@code null}
 * @param shopperIdParameter index of the parameter annotated {@code @ShopperId}, or -1
 * @param parameterNames the names of the {@code MethodParameters} attribute (javac {@code -parameters}),
 *     or an empty list; an entry may be {@code null}
 */
record MethodShape(
    int access,
    String name,
    String descriptor,
    FlagGatedValues gated,
    int shopperIdParameter,
    List<String> parameterNames) {

  boolean isStatic() {
    return (access & Opcodes.ACC_STATIC) != 0;
  }

  boolean is(int flag) {
    return (access & flag) != 0;
  }

  Type[] parameterTypes() {
    return Type.getArgumentTypes(descriptor);
  }

  Type returnType() {
    return Type.getReturnType(descriptor);
  }

  MethodShape withParameterNames(List<String> names) {
    return new MethodShape(access, name, descriptor, gated, shopperIdParameter,
        java.util.Collections.unmodifiableList(new java.util.ArrayList<>(names))); // names may be null
  }

  /** The parameter's name when the class was compiled with {@code -parameters}, else {@code null}. */
  String parameterName(int index) {
    return index < parameterNames.size() ? parameterNames.get(index) : null;
  }
}
