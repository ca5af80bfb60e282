package dev.flaggate.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Places the bridge classes ({@code dev.flaggate.bootstrap}) in the bootstrap class loader, so that
 * instrumented classes and API jars in every class loader resolve them to one copy.
 *
 * <p>It defines their class files, read from the agent jar, directly in the bootstrap loader through
 * the JDK's internal {@code Unsafe.defineClass} (opened to the agent with
 * {@link Instrumentation#redefineModule}). Appending a jar to the bootstrap search path would work
 * too, and is the fallback, but it makes the JVM print "Sharing is only supported for boot loader
 * classes because bootstrap classpath has been appended" and turns off class-data sharing for the
 * application's own loaders, slowing its start. Plain JDK on purpose: this runs first in
 * {@code premain}, before the rewriting classes load. It must run before anything loads a bridge class
 * through the agent's own loader.
 */
public final class BootstrapInjector {

  /** Every class of {@code dev.flaggate.bootstrap}; a test keeps this list complete. */
  static final List<String> BRIDGE_CLASSES = List.of(
      "dev.flaggate.bootstrap.Dispatcher",
      "dev.flaggate.bootstrap.GatedCalls",
      "dev.flaggate.bootstrap.LegacyOnlyDispatcher",
      "dev.flaggate.bootstrap.StartingDispatcher",
      "dev.flaggate.bootstrap.FlagGateBridge");

  private BootstrapInjector() {}

  /** Injects the bridge unless an earlier start already did. */
  public static void inject(Instrumentation instrumentation) throws IOException {
    if (alreadyInBootstrap()) {
      return;
    }
    try {
      defineInBootstrap(instrumentation);
      return;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
      // a JDK without the internal definer: append a jar instead (costs class-data sharing)
    }
    appendJar(instrumentation);
  }

  private static void defineInBootstrap(Instrumentation instrumentation) throws ReflectiveOperationException, IOException {
    Module javaBase = Object.class.getModule();
    Module agent = BootstrapInjector.class.getModule();
    instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
        Map.of("jdk.internal.misc", Set.of(agent)), Set.of(), Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass",
        String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
    for (String name : BRIDGE_CLASSES) {
      byte[] bytes = classFile(name);
      define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
  }

  private static byte[] classFile(String name) throws IOException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the agent jar lacks " + resource);
      }
      return in.readAllBytes();
    }
  }

  private static void appendJar(Instrumentation instrumentation) throws IOException {    Path jar = Files.createTempFile("flaggate-bootstrap", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (String name : BRIDGE_CLASSES) {
        out.putNextEntry(new JarEntry(name.replace('.', '/') + ".class"));
        out.write(classFile(name));
        out.closeEntry();
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
  }

  private static boolean alreadyInBootstrap() {
    try {
      Class.forName(BRIDGE_CLASSES.get(0), false, null);
      return true;
    } catch (ClassNotFoundException absent) {
      return false;
    }
  }
}
