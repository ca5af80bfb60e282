package dev.flaggate.agent.instrumentation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Type;

/**
 * Parameter names of a class that is already loaded. When a loaded class is retransformed (the agent
 * was attached late), the JVM hands over a class file rebuilt from its own structures, and that
 * rebuild drops the {@code MethodParameters} attribute; the names {@code -parameters} compiled in are
 * still there through reflection, so a parameter named {@code shopperId} is found either way. Where
 * reflection fails (a type some method of the class names is absent at run time), the class file
 * that the class's loader still serves is read for them instead.
 */
final class LoadedParameterNames {

  private LoadedParameterNames() {}

  /** {@code method} with the names reflection knows, when its class file carried none. */
  static MethodShape fill(MethodShape method, Class<?> loaded) {
    if (!method.parameterNames().isEmpty()) {
      return method;
    }
    try {
      for (Method candidate : loaded.getDeclaredMethods()) {
        if (candidate.getName().equals(method.name()) && Type.getMethodDescriptor(candidate).equals(method.descriptor())) {
          List<String> names = new ArrayList<>();
          for (Parameter parameter : candidate.getParameters()) {
            names.add(parameter.isNamePresent() ? parameter.getName() : null);
          }
          return method.withParameterNames(names);
        }
      }
    } catch (LinkageError | SecurityException unresolvable) {
      // a type some method names is absent at run time (an optional dependency), and reflection
      // resolves them all: the class file as its loader still serves it may carry the names
      return fromClassFile(method, loaded);
    }
    return method;
  }

  /** {@code method} with the names of the class file that {@code loaded}'s loader serves, if any. */
  private static MethodShape fromClassFile(MethodShape method, Class<?> loaded) {
    byte[] classFile = LoadedClassFiles.read(loaded);
    if (classFile == null) {
      return method;
    }
    try {
      for (MethodShape original : ClassShapeReader.read(classFile).methods()) {
        if (original.name().equals(method.name()) && original.descriptor().equals(method.descriptor())
            && !original.parameterNames().isEmpty()) {
          return method.withParameterNames(original.parameterNames());
        }
      }
    } catch (RuntimeException unreadable) {
      // no names to be had: the method is analysed without them
    }
    return method;
  }
}
