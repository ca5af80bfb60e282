package dev.flaggate.agent.instrumentation;

import java.util.StringJoiner;
import net.bytebuddy.jar.asm.Type;

/** Type names as a Java developer writes them, for messages that name methods and fixes. */
final class TypeNames {

  private TypeNames() {}

  /** {@code java.util.Map$Entry} gives {@code Entry}; {@code int[]} stays {@code int[]}. */
  static String simpleName(String binaryName) {
    String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return name.substring(name.lastIndexOf('$') + 1);
  }

  static String simpleName(Type type) {
    return simpleName(type.getClassName());
  }

  /** {@code (Ljava/lang/String;I)V} gives {@code String, int}. */
  static String parameterList(String descriptor) {
    StringJoiner list = new StringJoiner(", ");
    for (Type parameter : Type.getArgumentTypes(descriptor)) {
      list.add(simpleName(parameter));
    }
    return list.toString();
  }

  /** {@code send(String, int)}. */
  static String signature(MethodShape method) {
    return method.name() + "(" + parameterList(method.descriptor()) + ")";
  }

  /** {@code static String send(String, int)}. */
  static String declaration(MethodShape method, String name) {
    return (method.isStatic() ? "static " : "") + simpleName(method.returnType()) + " " + name + "("
        + parameterList(method.descriptor()) + ")";
  }
}
