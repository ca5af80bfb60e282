package dev.flaggate.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes sure the bridge classes ({@code dev.flaggate.bootstrap}) are in the bootstrap class loader,
 * so that instrumented classes and API jars in every class loader resolve them to one copy.
 *
 * <p>Normally there is nothing to do: the agent jar's manifest puts the jar itself on the bootstrap
 * search path ({@code Boot-Class-Path}), and the bridge loads from it like every agent class. A jar
 * under another name is not found there, and the agent then runs from the system loader; for that
 * case this class defines the bridge's class files, read from the agent jar, directly in the
 * bootstrap loader through the JDK's internal {@code Unsafe.defineClass} (opened to the agent with
 * {@link Instrumentation#redefineModule}). Appending a jar of them to the bootstrap search path is
 * the last resort: appended after the JVM has started (as {@code premain} runs), it makes the JVM
 * print "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" on the application's output. Plain JDK on purpose: this runs first in {@code premain},
 * before the rewriting classes load. It must run before anything loads a bridge class through the
 * agent's own loader.
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
    byte[][] files = classFiles();
    for (int i = 0; i < files.length; i++) {
      define.invoke(unsafe, BRIDGE_CLASSES.get(i), files[i], 0, files[i].length, null, null);
    }
  }

  /** The class files of {@link #BRIDGE_CLASSES}, in order. */
  private static byte[][] classFiles() throws IOException {
    byte[][] files = new byte[BRIDGE_CLASSES.size()][];
    Path jar = agentJar();
    if (jar != null) {
      // straight from the agent jar: a class-loader resource lookup first searches the JDK's
      // modules and then opens a URL connection to the jar, about 15 ms of premain on two cores
      try (JarFile file = new JarFile(jar.toFile(), false)) {
        for (int i = 0; i < files.length; i++) {
          JarEntry entry = file.getJarEntry(resource(BRIDGE_CLASSES.get(i)));
          if (entry != null) {
            try (InputStream in = file.getInputStream(entry)) {
              files[i] = in.readAllBytes();
            }
          }
        }
      }
    }
    for (int i = 0; i < files.length; i++) {
      if (files[i] == null) {
        files[i] = resourceBytes(resource(BRIDGE_CLASSES.get(i)));
      }
    }
    return files;
  }

  private static String resource(String className) {
    return className.replace('.', '/') + ".class";
  }

  private static byte[] resourceBytes(String resource) throws IOException {
    try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the agent jar lacks " + resource);
      }
      return in.readAllBytes();
    }
  }

  /** The jar this class was loaded from, or {@code null} (a classes directory, as in tests). */
  private static Path agentJar() {
    try {
      CodeSource source = BootstrapInjector.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | RuntimeException unusual) {
      return null; // the class loader's resource lookup below still finds the class files
    }
  }

  private static void appendJar(Instrumentation instrumentation) throws IOException {
    Path jar = Files.createTempFile("flaggate-bootstrap", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      byte[][] files = classFiles();
      for (int i = 0; i < files.length; i++) {
        out.putNextEntry(new JarEntry(resource(BRIDGE_CLASSES.get(i))));
        out.write(files[i]);
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
