package dev.flaggate.testapp.osgi;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Loads a gated plugin the way an OSGi framework does by default: its loader delegates only
 * {@code java.*} (and the JDK's own packages) to the parent chain, so the agent's bridge in the
 * bootstrap loader is out of its reach. Arguments: the plugin's classes, the API jar.
 */
public final class OsgiLikeApp {

  private OsgiLikeApp() {}

  /** Boot delegation for java.* only, as OSGi's default {@code org.osgi.framework.bootdelegation}. */
  static final class JavaOnly extends ClassLoader {
    JavaOnly() {
      super(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        return super.loadClass(name, resolve);
      }
      throw new ClassNotFoundException(name);
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    URL[] path = {Path.of(args[0]).toUri().toURL(), Path.of(args[1]).toUri().toURL()};
    try (URLClassLoader bundle = new URLClassLoader(path, new JavaOnly())) {
      Function<String, String> service = (Function<String, String>) Class
          .forName("dev.flaggate.testapp.osgi.plugin.Svc", true, bundle).getDeclaredConstructor().newInstance();
      StringBuilder got = new StringBuilder("RESULT");
      for (String shopper : new String[] {"s1", "s2"}) {
        String answer;
        try {
          answer = service.apply(shopper);
        } catch (Throwable e) {
          answer = "threw " + e;
        }
        got.append(' ').append(shopper).append('=').append(answer);
      }
      System.out.println(got);
      // the agent checks a loader's reach on a thread of its own, after the class loaded: a real
      // framework runs for long; this one stays a moment so that the check's report is written
      Thread.sleep(2_000);
    }
  }
}
