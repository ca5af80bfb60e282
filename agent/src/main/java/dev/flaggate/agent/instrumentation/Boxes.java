package dev.flaggate.agent.instrumentation;

import net.bytebuddy.jar.asm.Type;

/** The wrapper class of each primitive type, by internal name. */
final class Boxes {

  private Boxes() {}

  static String wrapper(Type primitive) {
    return switch (primitive.getSort()) {
      case Type.BOOLEAN -> "java/lang/Boolean";
      case Type.CHAR -> "java/lang/Character";
      case Type.BYTE -> "java/lang/Byte";
      case Type.SHORT -> "java/lang/Short";
      case Type.INT -> "java/lang/Integer";
      case Type.FLOAT -> "java/lang/Float";
      case Type.LONG -> "java/lang/Long";
      case Type.DOUBLE -> "java/lang/Double";
      default -> throw new IllegalArgumentException("not a primitive type: " + primitive);
    };
  }
}
