package dev.flaggate.agent.instrumentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Reads a class file's header, methods, {@code @FlagGated} values, {@code @ShopperId} parameters
 * and parameter names: one pass over the bytes that skips all code.
 */
final class ClassShapeReader {

  static final String FLAG_GATED = "Ldev/flaggate/FlagGated;";
  static final String SHOPPER_ID = "Ldev/flaggate/ShopperId;";

  private ClassShapeReader() {}

  /** The shape of the class in {@code classFile}; every method, gated or not. */
  static ClassShape read(byte[] classFile) {
    return read(new ClassReader(classFile));
  }

  static ClassShape read(ClassReader reader) {
    ShapeVisitor visitor = new ShapeVisitor();
    reader.accept(visitor, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
    return visitor.shape();
  }

  private static final class ShapeVisitor extends ClassVisitor {

    private final List<MethodShape> methods = new ArrayList<>();
    private String name;
    private int access;
    private int majorVersion;
    private String superName;
    private List<String> interfaces = List.of();

    ShapeVisitor() {
      super(Opcodes.ASM9);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      this.majorVersion = version & 0xFFFF;
      this.access = access;
      this.name = name;
      this.superName = superName;
      this.interfaces = interfaces == null ? List.of() : Arrays.asList(interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodShapeVisitor(access, name, descriptor, methods);
    }

    ClassShape shape() {
      return new ClassShape(name, access, majorVersion, superName, List.copyOf(interfaces), List.copyOf(methods));
    }
  }

  private static final class MethodShapeVisitor extends MethodVisitor {

    private final int access;
    private final String name;
    private final String descriptor;
    private final List<MethodShape> sink;
    private final List<String> parameterNames = new ArrayList<>();
    private final String[] gated = new String[5]; // value, legacy, shadowFlag, dualRunFlag, comparator
    private boolean isGated;
    private int shopperIdParameter = -1;

    MethodShapeVisitor(int access, String name, String descriptor, List<MethodShape> sink) {
      super(Opcodes.ASM9);
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
      this.sink = sink;
    }

    @Override
    public void visitParameter(String parameterName, int parameterAccess) {
      parameterNames.add(parameterName);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
      if (!FLAG_GATED.equals(annotation)) {
        return null;
      }
      isGated = true;
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String element, Object value) {
          int slot = switch (element) {
            case "value" -> 0;
            case "legacy" -> 1;
            case "shadowFlag" -> 2;
            case "dualRunFlag" -> 3;
            case "comparator" -> 4;
            default -> -1; // an element added by a newer API jar: ignored, not fatal
          };
          if (slot >= 0) {
            gated[slot] = value instanceof Type type ? type.getClassName() : String.valueOf(value);
          }
        }
      };
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
      if (SHOPPER_ID.equals(annotation) && shopperIdParameter < 0) {
        shopperIdParameter = parameter;
      }
      return null;
    }

    @Override
    public void visitEnd() {
      FlagGatedValues values = isGated
          ? new FlagGatedValues(orEmpty(gated[0]), orEmpty(gated[1]), orEmpty(gated[2]), orEmpty(gated[3]),
              gated[4] == null ? FlagGatedValues.DEFAULT_COMPARATOR : gated[4])
          : null;
      sink.add(new MethodShape(access, name, descriptor, values, shopperIdParameter,
          java.util.Collections.unmodifiableList(parameterNames)));
    }

    private static String orEmpty(String value) {
      return value == null ? "" : value;
    }
  }
}
