package dev.flaggate.agent.instrumentation;

import java.util.List;
import java.lang.reflect.Modifier;

/**
 * A class as its class file declares it: its header and its methods, read by {@link ClassShapeReader}
 * without loading the class or anything it refers to. Access flags are the JVM's, which {@link
 * Modifier} spells the same (no constant of the relocated ASM is compiled in: see IsolationIT).
 *
 * @param internalName e.g. {@code com/shop/Gateway}
 * @param access class access flags
 * @param majorVersion class file major version (52 is Java 8)
 * @param superName internal name of the superclass, {@code null} for {@code java/lang/Object}
 * @param interfaces internal names of the directly implemented interfaces
 * @param methods declared methods, in class-file order
 */
record ClassShape(
    String internalName,
    int access,
    int majorVersion,
    String superName,
    List<String> interfaces,
    List<MethodShape> methods) {

  String binaryName() {
    return internalName.replace('/', '.');
  }

  String packageName() {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash);
  }

  boolean is(int flag) {
    return (access & flag) != 0;
  }

  boolean isInterface() {
    return is(Modifier.INTERFACE);
  }

  /** The simple name as source spells it: {@code Outer$Inner} gives {@code Inner}. */
  String simpleName() {
    return TypeNames.simpleName(binaryName());
  }
}
