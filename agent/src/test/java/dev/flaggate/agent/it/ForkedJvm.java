package dev.flaggate.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a separate JVM the way users run the agent: {@code java -javaagent:flaggate-agent.jar=...}
 * over test applications the agent has never seen, with the API jar on the class path.
 */
final class ForkedJvm {

  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> classPath = new ArrayList<>();
  private final Map<String, String> environment = new java.util.HashMap<>();
  private String agentArguments;
  private boolean withAgent = true;
  private String agentJar;

  static ForkedJvm withAgent(String agentArguments) {
    ForkedJvm jvm = new ForkedJvm();
    jvm.agentArguments = agentArguments;
    jvm.classPath.add(testClasses());
    jvm.classPath.add(apiJar());
    return jvm;
  }

  static ForkedJvm withoutAgent() {
    ForkedJvm jvm = withAgent(null);
    jvm.withAgent = false;
    return jvm;
  }

  /** Runs the agent from {@code jar} instead of the built one (a copy under another name, say). */
  ForkedJvm agentJar(Path jar) {
    agentJar = jar.toAbsolutePath().toString();
    return this;
  }

  ForkedJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  ForkedJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  ForkedJvm classPathOnly(String... entries) {
    classPath.clear();
    classPath.addAll(List.of(entries));
    return this;
  }

  /** Adds entries after those already on the class path. */
  ForkedJvm classPath(String... entries) {
    classPath.addAll(List.of(entries));
    return this;
  }

  /** Runs to the end (90 s at most), with standard input closed. */
  Result run(String mainClassOrJar, String... arguments) throws IOException, InterruptedException {
    return start(mainClassOrJar, arguments).finish();
  }

  /** Starts the JVM and returns at once; the test talks to it through standard input. */
  Running start(String mainClassOrJar, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    if (withAgent) {
      command.add("-javaagent:" + (agentJar != null ? agentJar : agentJar()) + (agentArguments == null ? "" : "=" + agentArguments));
    }
    command.addAll(jvmOptions);
    if (mainClassOrJar.endsWith(".jar")) {
      command.add("-jar");
    } else {
      command.add("-cp");
      command.add(String.join(File.pathSeparator, classPath));
    }
    command.add(mainClassOrJar);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("CHECKOUT") || name.startsWith("FLAGGATE"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("forked-out", ".txt");
    Path err = Files.createTempFile("forked-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new Running(builder.start(), out, err, command);
  }

  /** A forked JVM still running: its standard input is the test's to write. */
  static final class Running {

    private final Process process;
    private final Path out;
    private final Path err;
    private final List<String> command;
    private final java.io.Writer stdin;

    private Running(Process process, Path out, Path err, List<String> command) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.command = command;
      this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    long pid() {
      return process.pid();
    }

    /** Writes one line to the JVM's standard input. */
    void send(String line) throws IOException {
      stdin.write(line + "\n");
      stdin.flush();
    }

    /** Waits (bounded) until stdout has a line equal to {@code line}; fails with the output so far. */
    void awaitLine(String line, long seconds) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (Files.readString(out, StandardCharsets.UTF_8).lines().anyMatch(line::equals)) {
          return;
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no line '" + line + "' from the forked JVM in " + seconds + " s:\n" + snapshot());
    }

    /** What the JVM wrote so far, for failure messages. */
    String snapshot() throws IOException {
      return "command: " + String.join(" ", command) + "\n--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8)
          + "\n--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Closes standard input and waits (90 s at most) for the JVM to end. */
    Result finish() throws IOException, InterruptedException {
      try {
        stdin.close();
      } catch (IOException alreadyGone) {
        // the JVM ended before reading its input
      }
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("forked JVM did not finish in 90 s:\n" + snapshot());
      }
      Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), command);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    }

    /** Ends the JVM if a failed test left it running. */
    void kill() {
      process.destroyForcibly();
    }
  }

  static String agentJar() {
    String jar = System.getProperty("flaggate.agent.jar", "target/flaggate-agent.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("agent jar not found at " + jar + ": run the integration tests with"
          + " `./mvnw verify` (they need the packaged, shaded jar)");
    }
    return Path.of(jar).toAbsolutePath().toString();
  }

  /** A port free right now, for {@code metrics-port=N} (the agent needs a concrete one). */
  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The jars maven-dependency-plugin copied to {@code target/<property's folder>} at pre-integration-test. */
  static List<String> copiedJars(String property) throws IOException {
    Path folder = Path.of(System.getProperty(property, "target/" + property.substring("flaggate.".length()).replace('.', '-')));
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(folder + " is missing: run the integration tests with `./mvnw verify`"
          + " (maven-dependency-plugin fills it at pre-integration-test)");
    }
    try (var jars = Files.list(folder)) {
      return jars.filter(jar -> jar.toString().endsWith(".jar")).map(jar -> jar.toAbsolutePath().toString()).sorted().toList();
    }
  }

  static String testClasses() {
    return Path.of("target", "test-classes").toAbsolutePath().toString();
  }

  /**
   * Copies the classes of one package of the test classes (not its sub-packages) under {@code target},
   * leaving out the classes named in {@code leftOut} (simple names): a class path of its own.
   */
  static Path copyPackage(String folder, Path target, String... leftOut) throws IOException {
    Path source = Path.of(testClasses(), folder);
    Path into = target.resolve(folder);
    Files.createDirectories(into);
    List<Path> classes;
    try (java.util.stream.Stream<Path> files = Files.list(source)) {
      classes = files.filter(file -> file.toString().endsWith(".class")).toList();
    }
    List<String> excluded = List.of(leftOut);
    for (Path type : classes) {
      String name = type.getFileName().toString();
      if (!excluded.contains(name.substring(0, name.length() - ".class".length()))) {
        Files.copy(type, into.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  static String apiJar() {
    try {
      return Path.of(dev.flaggate.FlagGate.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the forked JVM did. */
  record Result(int exitCode, String stdout, String stderr, List<String> command) {

    /** The part after {@code PROBE name | } of the line for {@code probe}. */
    String probe(String probe) {
      for (String line : stdout.split("\n")) {
        if (line.startsWith("PROBE " + probe + " | ")) {
          return line.substring(("PROBE " + probe + " | ").length());
        }
      }
      throw new AssertionError("no PROBE " + probe + " in output:\n" + this);
    }

    /** The rest of the first stdout line starting with {@code prefix}. */
    String probeFree(String prefix) {
      return stdout.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
          .findFirst().orElseThrow(() -> new AssertionError("no line starting '" + prefix + "':\n" + this));
    }

    List<String> lines(String containing) {
      return stdout.lines().filter(line -> line.contains(containing)).toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\ncommand: " + String.join(" ", command) + "\n--- stdout\n" + stdout
          + "\n--- stderr\n" + stderr;
    }
  }
}
