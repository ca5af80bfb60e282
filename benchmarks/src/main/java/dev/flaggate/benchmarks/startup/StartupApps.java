package dev.flaggate.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates, compiles and jars the two applications of the start-up row.
 *
 * <p><b>small</b> stands in for the demo app (not on {@code main} yet): the WhatsApp migration's
 * shape, a gateway with three gated methods and their legacy twins, called for a few shoppers.
 * <b>big</b> has 10,000 classes, every 100th with a gated method; its main loads and calls all of
 * them, so the agent's transformer sees 10,000 application classes.
 */
final class StartupApps {

  static final int BIG_CLASSES = 10_000;

  private StartupApps() {}

  static Path small(Path work, Path apiJar) throws IOException {
    Path src = work.resolve("small/src/demo");
    Files.createDirectories(src);
    Files.writeString(src.resolve("WhatsAppGateway.java"), """
        package demo;

        import dev.flaggate.FlagGated;
        import dev.flaggate.ShopperId;

        public class WhatsAppGateway {
          @FlagGated(value = "WHATSAPP_CANONICAL_EVENTS_ENABLED", legacy = "legacyPublish",
              shadowFlag = "WHATSAPP_CANONICAL_SHADOW_MODE", dualRunFlag = "WHATSAPP_DUAL_RUN")
          public String publish(@ShopperId String shopperId, String message) {
            return "canonical:" + message.length();
          }

          String legacyPublish(String shopperId, String message) {
            return "legacy:" + message.length();
          }

          @FlagGated(value = "WHATSAPP_GATEWAY_ENABLED", legacy = "legacyRoute")
          public int route(@ShopperId String shopperId, int region) {
            return region * 2;
          }

          int legacyRoute(String shopperId, int region) {
            return region;
          }

          @FlagGated("WHATSAPP_ROUTING_ENABLED")
          public void audit(@ShopperId String shopperId, StringBuilder out) {
            out.append(shopperId);
          }
        }
        """);
    Files.writeString(src.resolve("Main.java"), """
        package demo;

        import dev.flaggate.FlagGate;

        public class Main {
          public static void main(String[] args) {
            WhatsAppGateway gateway = new WhatsAppGateway();
            StringBuilder out = new StringBuilder();
            int total = 0;
            for (String shopper : new String[] {"shopper_001", "shopper_002", "shopper_999"}) {
              total += gateway.publish(shopper, "hello").length() + gateway.route(shopper, 3);
              gateway.audit(shopper, out);
            }
            System.out.println("agent=" + FlagGate.agentAttached() + " total=" + total);
          }
        }
        """);
    Files.writeString(work.resolve("small/flags.json"), """
        {"flags": {
          "WHATSAPP_CANONICAL_EVENTS_ENABLED": {"enabled": true, "allowlist": ["shopper_001", "shopper_002", "shopper_003"]},
          "WHATSAPP_CANONICAL_SHADOW_MODE": {"enabled": true},
          "WHATSAPP_DUAL_RUN": {"enabled": true},
          "WHATSAPP_GATEWAY_ENABLED": {"enabled": true, "percent_rollout": 5},
          "WHATSAPP_ROUTING_ENABLED": {"enabled": false}
        }}
        """);
    return compileAndJar(work.resolve("small"), apiJar, List.of());
  }

  /**
   * The real demo app ({@code demo-app}): a main that builds its simulated WhatsApp service, as the
   * tour does, and handles one message for each of four seed shoppers, then exits. The demo's own
   * launcher refuses to run without the agent, so this main stands in for it on both sides.
   */
  static Path demo(Path work, Path demoJar) throws IOException {
    Path src = work.resolve("demo/src/startup");
    Files.createDirectories(src);
    Files.writeString(src.resolve("DemoStart.java"), """
        package startup;

        import dev.flaggate.FlagGate;
        import dev.flaggate.demo.pipeline.EventLog;
        import dev.flaggate.demo.pipeline.InboundMessage;
        import dev.flaggate.demo.pipeline.WhatsAppService;
        import java.io.OutputStream;
        import java.io.PrintStream;

        public class DemoStart {
          public static void main(String[] args) {
            WhatsAppService service = WhatsAppService.simulated(EventLog.to(new PrintStream(OutputStream.nullOutputStream())));
            int handled = 0;
            for (String shopper : new String[] {"shopper_test_001", "shopper_001", "shopper_problematico", "shopper_777"}) {
              if (service.receive(new InboundMessage("m-" + shopper, shopper, "(11) 98765-4321", "oi, onde esta meu pedido?")) != null) {
                handled++;
              }
            }
            System.out.println("agent=" + FlagGate.agentAttached() + " total=" + handled);
          }
        }
        """);
    return compileAndJar(work.resolve("demo"), demoJar, List.of("-proc:none"));
  }

  static Path big(Path work, Path apiJar) throws IOException {
    Path src = work.resolve("big/src/big");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Task.java"), """
        package big;

        public interface Task {
          int run(String shopperId, int x);
        }
        """);
    for (int i = 0; i < BIG_CLASSES; i++) {
      String name = String.format("C%05d", i);
      String body = i % 100 == 0
          ? """
            package big;

            import dev.flaggate.FlagGated;

            public class %1$s implements Task {
              @FlagGated(value = "BIG_FLAG_%2$d", legacy = "legacyRun")
              public int run(String shopperId, int x) {
                return x * %2$d + 1;
              }

              int legacyRun(String shopperId, int x) {
                return x * %2$d;
              }
            }
            """
          : """
            package big;

            public class %1$s implements Task {
              private final int[] values = {%2$d, %2$d + 1, %2$d + 2};

              public int run(String shopperId, int x) {
                int sum = x;
                for (int v : values) {
                  sum += v * shopperId.length();
                }
                return sum;
              }
            }
            """;
      Files.writeString(src.resolve(name + ".java"), String.format(body, name, i));
    }
    Files.writeString(src.resolve("Main.java"), """
        package big;

        import dev.flaggate.FlagGate;

        public class Main {
          public static void main(String[] args) throws Exception {
            long total = 0;
            for (int i = 0; i < %d; i++) {
              Task task = (Task) Class.forName(String.format("big.C%%05d", i)).getDeclaredConstructor().newInstance();
              total += task.run("shopper_001", i);
            }
            System.out.println("agent=" + FlagGate.agentAttached() + " total=" + total);
          }
        }
        """.formatted(BIG_CLASSES));
    StringBuilder flags = new StringBuilder("{\"flags\": {");
    for (int i = 0; i < BIG_CLASSES; i += 100) {
      flags.append(i == 0 ? "" : ",").append("\n  \"BIG_FLAG_").append(i)
          .append("\": {\"enabled\": true, \"allowlist\": [\"shopper_001\"]}");
    }
    Files.writeString(work.resolve("big/flags.json"), flags.append("\n}}\n").toString());
    // the processor of the API jar is not needed for generated code that is routable by construction
    return compileAndJar(work.resolve("big"), apiJar, List.of("-proc:none"));
  }

  /**
   * An agent that does nothing, with the manifest capabilities of ours: what any {@code -javaagent}
   * costs the JVM by itself (on JDK 17 to 25 it turns off CDS's archived module graph, because the
   * agent adds the {@code java.instrument} module), so the report can tell that price from ours.
   */
  static Path emptyAgent(Path work) throws IOException {
    return agent(work, "empty-agent", "noop.NoopAgent", """
        package noop;

        public final class NoopAgent {
          public static void premain(String arguments, java.lang.instrument.Instrumentation instrumentation) {}
        }
        """);
  }

  /**
   * An agent whose class-file transformer changes nothing: what registering any transformer costs,
   * before it does any work. The JVM then hands every class it loads to Java code (a copy of the class
   * file, an upcall through {@code sun.instrument}), which is the floor of every agent that rewrites
   * classes as they load, ours included.
   */
  static Path transformingAgent(Path work) throws IOException {
    return agent(work, "transforming-agent", "noop.TransformingAgent", """
        package noop;

        import java.lang.instrument.ClassFileTransformer;
        import java.lang.instrument.Instrumentation;
        import java.security.ProtectionDomain;

        public final class TransformingAgent {
          public static void premain(String arguments, Instrumentation instrumentation) {
            instrumentation.addTransformer(new ClassFileTransformer() {
              @Override
              public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                  byte[] classFile) {
                return null;
              }
            }, true);
          }
        }
        """);
  }

  /** Compiles {@code source} (the class {@code premainClass}, nested classes included) into an agent jar. */
  private static Path agent(Path work, String name, String premainClass, String source) throws IOException {
    Path dir = work.resolve(name);
    Path jar = dir.resolve(name + ".jar");
    if (Files.exists(jar)) {
      return jar;
    }
    String path = premainClass.replace('.', '/');
    Path file = dir.resolve("src/" + path + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, "--release", "17", "-d", classes.toString(), file.toString()) != 0) {
      throw new IllegalStateException("could not compile " + file);
    }
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", premainClass);
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
    Path compiled = classes.resolve(path + ".class").getParent();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        java.util.stream.Stream<Path> files = Files.list(compiled)) {
      for (Path classFile : (Iterable<Path>) files::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace(File.separatorChar, '/')));
        Files.copy(classFile, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static Path compileAndJar(Path app, Path apiJar, List<String> extraOptions) throws IOException {
    Path jar = app.resolve("app.jar");
    if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(apiJar)) > 0) {
      return jar; // generated sources are deterministic: reuse the last build (compiling 10,000 classes takes a minute)
    }
    Path classes = app.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("--release", "17", "-parameters", "-nowarn",
        "-cp", apiJar.toString(), "-d", classes.toString()));
    args.addAll(extraOptions);
    try (Stream<Path> sources = Files.walk(app.resolve("src"))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("could not compile " + app);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
