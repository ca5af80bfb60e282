package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 point 1 and contract section 2: a Spring Boot executable (repackaged, nested-jar)
 * application, assembled here as Boot's repackager lays it out: Boot's loader at the root,
 * {@code Main-Class: org.springframework.boot.loader.launch.JarLauncher}, the application in
 * {@code BOOT-INF/classes/} and the API jar stored in {@code BOOT-INF/lib/}. Run with
 * {@code java -javaagent:... -jar app.jar}, its gated method is routed and its copy of the API jar
 * reaches the agent.
 */
class NestedJarIT {

  private static final String LOADER = "spring-boot-loader-";

  @TempDir Path dir;

  @Test
  @DisplayName("contract 2 and 6: in a Spring Boot nested jar, flag on -> new, off -> legacy, shadow -> new runs as secondary; FlagGate reaches the agent")
  void springBootExecutableJar_routedAndLinked() throws Exception {
    Path app = bootJar();
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {"
        + "\"BOOT_SHIPPING_V2\": {\"enabled\": true, \"allowlist\": [\"boot-on\", \"boot-shadow\"]},"
        + "\"BOOT_SHIPPING_SHADOW\": {\"enabled\": true, \"allowlist\": [\"boot-shadow\"]}}}");

    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stderr")
        .run(app.toString(), "boot-on:1", "boot-off:1", "boot-shadow:2");

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("API_LOADER org.springframework.boot.loader"), "the API jar is Boot's to load\n" + result);
    assertTrue(result.stdout().contains("APP_LOADER org.springframework.boot.loader"), result.toString());
    assertTrue(result.probeFree("API_FROM ").contains("BOOT-INF/lib/flaggate-annotations"), "loaded from the nested jar\n" + result);
    assertEquals("true", result.probeFree("ATTACHED "), "the nested copy of the API reaches the agent\n" + result);
    assertEquals("Decision[enabled=true, reason=allowlist]", result.probeFree("DECISION "), result.toString());
    assertEquals("new-quote | new@caller", result.probe("boot-on"), result.toString());
    assertEquals("legacy-quote | legacy@caller", result.probe("boot-off"), result.toString());
    assertEquals("legacy-quote | legacy@caller,new@secondary[pool]", result.probe("boot-shadow"), result.toString());
  }

  @Test
  @DisplayName("contract 2: the same jar without the agent runs the new body for everyone and says the agent is absent")
  void springBootExecutableJar_withoutAgent() throws Exception {
    ForkedJvm.Result result = ForkedJvm.withoutAgent().run(bootJar().toString(), "boot-off:1");
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("false", result.probeFree("ATTACHED "), result.toString());
    assertEquals("new-quote | new@caller", result.probe("boot-off"), result.toString());
  }

  /** Lays out the executable jar as Boot's repackager does. */
  private Path bootJar() throws IOException {
    Path jar = dir.resolve("boot-app.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    Path loader = Path.of(ForkedJvm.copiedJars("flaggate.boot.libs").stream()
        .filter(path -> Path.of(path).getFileName().toString().startsWith(LOADER)).findFirst().orElseThrow());
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
    main.putValue("Start-Class", "dev.flaggate.testapp.boot.BootApp");
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      try (JarFile loaderJar = new JarFile(loader.toFile())) {
        for (Enumeration<JarEntry> entries = loaderJar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          if (entry.getName().startsWith("META-INF/") && !entry.getName().startsWith("META-INF/services/")) {
            continue;
          }
          out.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = loaderJar.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
      Path classes = Path.of(ForkedJvm.testClasses());
      List<Path> appClasses;
      try (Stream<Path> boot = Files.list(classes.resolve("dev/flaggate/testapp/boot"))) {
        appClasses = Stream.concat(boot, Stream.of(classes.resolve("dev/flaggate/testapp/Trace.class"))).toList();
      }
      // Boot finds its class path through the directory entries, as a repackaged jar has them
      for (String folder : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/dev/", "BOOT-INF/classes/dev/flaggate/",
          "BOOT-INF/classes/dev/flaggate/testapp/", "BOOT-INF/classes/dev/flaggate/testapp/boot/", "BOOT-INF/lib/")) {
        out.putNextEntry(new JarEntry(folder));
        out.closeEntry();
      }
      for (Path type : appClasses) {
        out.putNextEntry(new JarEntry("BOOT-INF/classes/" + classes.relativize(type).toString().replace('\\', '/')));
        Files.copy(type, out);
        out.closeEntry();
      }
      Path api = Path.of(ForkedJvm.apiJar());
      storeUncompressed(out, "BOOT-INF/lib/" + api.getFileName(), Files.readAllBytes(api));
    }
    return jar;
  }

  /** Boot reads nested jars in place, so they must be stored, not deflated. */
  private static void storeUncompressed(JarOutputStream out, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    ((OutputStream) out).write(content);
    out.closeEntry();
  }
}
