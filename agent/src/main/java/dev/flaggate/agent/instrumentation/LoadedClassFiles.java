package dev.flaggate.agent.instrumentation;

import java.io.InputStream;

/**
 * The class file of a loaded class as its loader serves it (the original bytes, with every
 * attribute the compiler wrote): what the attach path reads where reflection over the class fails
 * because a type some method names is absent at run time.
 */
final class LoadedClassFiles {

  private LoadedClassFiles() {}

  /** The bytes of {@code type}'s class file, or {@code null} when its loader does not serve them. Never throws. */
  static byte[] read(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (Throwable unreadable) {
      return null;
    }
  }
}
