package dev.flaggate.testapp.loaders;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads the gated {@code Wallet} (not on the system class path) through a child of the system
 * class loader, and through two sibling loaders that each hold their own copy of the API jar.
 * Arguments: the folder of the gated classes, then three API jars (the child's, sibling a's,
 * sibling b's). Knows neither the API nor the gated class at compile time: reflection only.
 */
public final class LoaderApp {

  private static final String WALLET = "dev.flaggate.testapp.loaders.gated.Wallet";

  private LoaderApp() {}

  public static void main(String[] args) throws Exception {
    URL gated = url(args[0]);
    try (URLClassLoader child = new URLClassLoader("child", new URL[] {gated, url(args[1])}, ClassLoader.getSystemClassLoader());
        URLClassLoader a = new URLClassLoader("sibling-a", new URL[] {gated, url(args[2])}, ClassLoader.getPlatformClassLoader());
        URLClassLoader b = new URLClassLoader("sibling-b", new URL[] {gated, url(args[3])}, ClassLoader.getPlatformClassLoader())) {
      System.out.println("SYSTEM_HAS_API " + canLoad(ClassLoader.getSystemClassLoader(), "dev.flaggate.FlagGate"));
      System.out.println("SYSTEM_HAS_WALLET " + canLoad(ClassLoader.getSystemClassLoader(), WALLET));
      probe("child", child);
      probe("sibling-a", a);
      probe("sibling-b", b);
      System.out.println("DISTINCT_API " + (a.loadClass("dev.flaggate.FlagGate") != b.loadClass("dev.flaggate.FlagGate")));
      System.out.println("DISTINCT_WALLET " + (a.loadClass(WALLET) != b.loadClass(WALLET)));
    }
  }

  private static void probe(String name, ClassLoader loader) throws Exception {
    Object report = loader.loadClass(WALLET).getMethod("probe").invoke(null);
    System.out.println("PROBE " + name + " | " + report);
  }

  private static boolean canLoad(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException absent) {
      return false;
    }
  }

  private static URL url(String path) throws Exception {
    return Path.of(path).toUri().toURL();
  }
}
