package dev.flaggate.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BootstrapInjectorTest {

  @Test
  @DisplayName("every class of dev.flaggate.bootstrap is injected: a missing one would load from the agent's loader and split the bridge")
  void bridgeListIsComplete() throws IOException {
    Path bootstrap = Path.of("target", "classes", "dev", "flaggate", "bootstrap");
    Set<String> compiled;
    try (Stream<Path> files = Files.list(bootstrap)) {
      compiled = files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
          .map(name -> "dev.flaggate.bootstrap." + name.substring(0, name.length() - ".class".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(compiled, new TreeSet<>(BootstrapInjector.BRIDGE_CLASSES));
  }
}
