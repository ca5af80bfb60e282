package dev.flaggate.agent.observability.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Defines the endpoint's HTTP package ({@code ...metrics.http}) in a loader that sees the JDK's
 * {@code jdk.httpserver} module, and builds its server.
 *
 * <p>The agent's classes normally live in the bootstrap loader (ARCHITECTURE.md), which cannot see
 * that module: it belongs to the platform loader. This loader's parent is the platform loader then
 * (whose delegation still reaches the agent's bootstrap classes), or the agent's own loader when the
 * agent runs from the system loader. Classes of the HTTP package are defined here, child-first, from
 * the agent jar's class files; everything else is its parent's. Nothing in the bootstrap loader ever
 * names the HTTP package's types, so no copy of them is ever defined there.
 */
final class HttpServingLoader extends ClassLoader {

  private static final String PACKAGE = "dev.flaggate.agent.observability.metrics.http.";
  private static final String SERVING = PACKAGE + "JdkHttpServing";

  private HttpServingLoader(ClassLoader parent) {
    super("flaggate-metrics-http", parent);
  }

  /**
   * A running server answering {@code path} on {@code address} with {@code body}; closing it stops
   * the server, and as a {@code Supplier} it gives the address bound.
   *
   * @throws IOException when the address cannot be bound
   * @throws LinkageError when the runtime has no {@code jdk.httpserver} module
   */
  @SuppressWarnings("unchecked")
  static <T extends AutoCloseable & Supplier<InetSocketAddress>> T serve(
      InetSocketAddress address, String path, String contentType, Supplier<byte[]> body) throws IOException {
    ClassLoader own = HttpServingLoader.class.getClassLoader();
    HttpServingLoader loader = new HttpServingLoader(own != null ? own : ClassLoader.getPlatformClassLoader());
    try {
      Class<?> serving = Class.forName(SERVING, true, loader);
      return (T) serving.getConstructor(InetSocketAddress.class, String.class, String.class, Supplier.class)
          .newInstance(address, path, contentType, body);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the agent jar's " + SERVING + " is unusable", e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PACKAGE)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = define(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  private Class<?> define(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    // the parent finds the agent jar's entries: the platform loader through the bootstrap search
    // path, the system loader on its class path
    try (InputStream in = getParent().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name + ": " + resource + " is not in the agent jar");
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
