package dev.flaggate.agent.instrumentation;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Places the bridge classes ({@code dev.flaggate.bootstrap}) in the bootstrap class loader, so that
 * instrumented classes and API jars in every class loader resolve them to one copy. Must run before
 * anything loads a bridge class through the agent's own loader.
 */
public final class BootstrapInjector {

  /** Every class of {@code dev.flaggate.bootstrap}; a test keeps this list complete. */
  static final List<String> BRIDGE_CLASSES = List.of(
      "dev.flaggate.bootstrap.Dispatcher",
      "dev.flaggate.bootstrap.GatedCalls",
      "dev.flaggate.bootstrap.LegacyOnlyDispatcher",
      "dev.flaggate.bootstrap.FlagGateBridge");

  private BootstrapInjector() {}

  /** Injects the bridge unless an earlier start already did. */
  public static void inject(Instrumentation instrumentation) throws IOException {
    if (alreadyInBootstrap()) {
      return;
    }
    File folder = Files.createTempDirectory("flaggate-bootstrap").toFile();
    folder.deleteOnExit();
    Set<String> names = new LinkedHashSet<>(BRIDGE_CLASSES);
    ClassInjector.UsingInstrumentation.of(folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
        .injectRaw(names, ClassFileLocator.ForClassLoader.of(BootstrapInjector.class.getClassLoader()));
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
