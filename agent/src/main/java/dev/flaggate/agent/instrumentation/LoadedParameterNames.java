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
 * still there through reflection, so a parameter named {@code shopperId} is found either way.
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
      // a signature that cannot be resolved: the method is analysed without names, as before
    }
    return method;
  }
}
