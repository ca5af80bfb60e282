package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 point 4: the agent bundles Jackson, SLF4J, Micrometer and Byte Buddy, relocated, so an
 * application shipping its own versions of them runs unchanged beside it. The application here
 * brings Jackson 2.12 and Logback 1.2 (with SLF4J 1.7) and logs in its own pattern.
 */
class IsolationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEW_SHOPPER = "iso-shopper-new";
  private static final String LEGACY_SHOPPER = "iso-shopper-legacy";

  /** Where the bundled libraries live once relocated; every agent class is under {@code dev/flaggate/}. */
  private static final List<String> AGENT_PACKAGES = List.of("dev/flaggate/agent/", "dev/flaggate/bootstrap/", "dev/flaggate/shaded/");

  /** Internal names of the libraries the agent bundles, as they would appear unrelocated in bytecode. */
  private static final List<String> UNRELOCATED = List.of("net/bytebuddy/", "com/fasterxml/jackson/", "org/slf4j/",
      "io/micrometer/", "io/prometheus/", "org/HdrHistogram/", "org/LatencyUtils/", "org/jspecify/");

  @TempDir Path dir;

  @Test
  @DisplayName("contract 8 / issue 5: an app with its own Jackson 2.12 and Logback prints exactly what it prints without the agent; the agent's lines are JSON; the gated call is routed")
  void appWithOwnJacksonAndLogback_runsUnchanged() throws Exception {
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {\"ISOLATION_GREETING_V2\": {\"enabled\": true, \"allowlist\": [\"" + NEW_SHOPPER + "\"]}}}");
    ForkedJvm.Result without = appJvm(ForkedJvm.withoutAgent()).run("dev.flaggate.testapp.isolation.IsolationApp",
        NEW_SHOPPER, LEGACY_SHOPPER);
    ForkedJvm.Result with = appJvm(ForkedJvm.withAgent("config=" + config))
        .run("dev.flaggate.testapp.isolation.IsolationApp", NEW_SHOPPER, LEGACY_SHOPPER);
    assertEquals(0, without.exitCode(), without.toString());
    assertEquals(0, with.exitCode(), with.toString());

    List<String> appLines = new ArrayList<>();
    List<JsonNode> agentLines = new ArrayList<>();
    for (String line : with.stdout().split("\n")) {
      if (line.startsWith("{")) {
        agentLines.add(JSON.readTree(line)); // throws when an agent line is not one JSON object
      } else if (!line.isEmpty()) {
        appLines.add(line);
      }
    }
    // the app's own output: its Jackson, its Logback in its own pattern, nothing of the agent
    assertTrue(without.stdout().contains("JACKSON 2.12."), without.toString());
    assertTrue(without.stdout().contains("JACKSON_FROM jackson-databind-2.12."), without.toString());
    assertTrue(without.stdout().contains("SLF4J_BINDING ch.qos.logback.classic.LoggerContext"), without.toString());
    assertTrue(without.stdout().contains("APPLOG DEBUG [main] IsolationApp - greeted " + LEGACY_SHOPPER),
        without.toString());
    assertEquals("", without.stderr(), "the app alone writes nothing on stderr");

    List<String> expected = new ArrayList<>(without.stdout().lines().toList());
    // the one difference the agent may make: the shopper the flag leaves off gets legacy
    replace(expected, "APPLOG INFO  [main] IsolationApp - new greeting path", 1, "APPLOG INFO  [main] IsolationApp - legacy greeting path");
    replace(expected, "REPLY {\"shopper\":\"" + LEGACY_SHOPPER + "\",\"greeting\":\"hello from the new path\"}", 0,
        "REPLY {\"shopper\":\"" + LEGACY_SHOPPER + "\",\"greeting\":\"hello from the legacy path\"}");
    assertEquals(expected, appLines, "the app's lines with the agent\n" + with);
    // Nothing on stderr: no SLF4J binding warning, no Logback status, no JDK warning about the agent's
    // libraries, and no class-data-sharing warning (the bridge is defined in the boot loader, not appended)
    assertEquals(List.of(), with.stderr().lines().toList(), "the agent adds nothing to the app's stderr\n" + with);

    assertTrue(agentLines.stream().allMatch(line -> line.path("logger").asText().startsWith("dev.flaggate.")), with.toString());
    assertTrue(agentLines.stream().anyMatch(line -> "agent_started".equals(line.path("event").asText())), with.toString());
    assertTrue(agentLines.stream().anyMatch(line -> "FEATURE_FLAG".equals(line.path("message").asText())
        && LEGACY_SHOPPER.equals(line.path("shopper_id").asText()) && "not_in_allowlist".equals(line.path("reason").asText())),
        with.toString());
  }

  @Test
  @DisplayName("issue 5: the agent jar holds no unrelocated class, no service file naming one, no class of the API jar")
  void agentJar_relocationComplete() throws IOException {
    List<String> problems = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(ForkedJvm.agentJar())) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.endsWith(".class")) {
          classes++;
          if (AGENT_PACKAGES.stream().noneMatch(name::startsWith)) {
            problems.add("class outside the agent's packages (unrelocated, or the API jar inside the agent): " + name);
          } else {
            String unrelocated = referencedUnrelocated(read(jar, entry));
            if (unrelocated != null) {
              problems.add(name + " refers to unrelocated " + unrelocated);
            }
          }
        } else if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
          String service = name.substring("META-INF/services/".length());
          if (!service.startsWith("dev.flaggate.")) {
            problems.add("service file for an unrelocated interface: " + name);
          }
          for (String line : new String(read(jar, entry), StandardCharsets.UTF_8).split("\n")) {
            String provider = line.replaceAll("#.*", "").trim();
            if (!provider.isEmpty() && !provider.startsWith("dev.flaggate.")) {
              problems.add(name + " names unrelocated provider " + provider);
            }
          }
        } else if (name.startsWith("META-INF/versions/")) {
          problems.add("multi-release entry (shade does not relocate these): " + name);
        }
      }
    }
    assertTrue(classes > 1_000, "the shaded jar holds the bundled libraries: " + classes + " classes");
    assertEquals(List.of(), problems);
  }

  private static ForkedJvm appJvm(ForkedJvm jvm) throws IOException {
    jvm.classPath(Path.of(ForkedJvm.testClasses(), "isolation-app").toString());
    ForkedJvm.copiedJars("flaggate.isolation.libs").forEach(jvm::classPath);
    return jvm;
  }

  /** Replaces the {@code nth} (0-based) occurrence of {@code line}. */
  private static void replace(List<String> lines, String line, int nth, String replacement) {
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals(line) && seen++ == nth) {
        lines.set(i, replacement);
        return;
      }
    }
    throw new AssertionError("no occurrence " + nth + " of '" + line + "' in " + lines);
  }

  private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /**
   * The first unrelocated class a class file links to, or null: class entries, member and method-type
   * descriptors of its constant pool, and string constants that are a bare class name (what
   * {@code Class.forName} would be given). Messages, property names and annotation values (Kotlin
   * metadata) that merely mention a package are not links and are not reported.
   */
  private static String referencedUnrelocated(byte[] classFile) throws IOException {
    java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(classFile));
    in.skipBytes(8); // magic, minor, major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNames = new ArrayList<>();
    List<Integer> descriptors = new ArrayList<>();
    List<Integer> strings = new ArrayList<>();
    for (int index = 1; index < count; index++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[index] = in.readUTF();
        case 7 -> classNames.add(in.readUnsignedShort());
        case 8 -> strings.add(in.readUnsignedShort());
        case 16 -> descriptors.add(in.readUnsignedShort());
        case 12 -> {
          in.readUnsignedShort();
          descriptors.add(in.readUnsignedShort());
        }
        case 3, 4, 9, 10, 11, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          index++; // takes two slots
        }
        case 15 -> in.skipBytes(3);
        case 19, 20 -> in.skipBytes(2);
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    for (String prefix : UNRELOCATED) {
      String dotted = prefix.replace('/', '.');
      for (int name : classNames) {
        if (utf8[name].replaceFirst("^\\[+L", "").startsWith(prefix)) {
          return utf8[name];
        }
      }
      for (int descriptor : descriptors) {
        if (utf8[descriptor].contains("L" + prefix)) {
          return utf8[descriptor];
        }
      }
      for (int string : strings) {
        if (utf8[string].startsWith(dotted) && utf8[string].matches("[\\w.$]+")) {
          return "\"" + utf8[string] + "\"";
        }
      }
    }
    return null;
  }
}
