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

  Result run(String mainClassOrJar, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    if (withAgent) {
      command.add("-javaagent:" + agentJar() + (agentArguments == null ? "" : "=" + agentArguments));
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
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("forked JVM did not finish in 90 s: " + command + "\nstdout:\n"
          + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
    }
    Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), command);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  static String agentJar() {
    String jar = System.getProperty("flaggate.agent.jar", "target/flaggate-agent.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("agent jar not found at " + jar + ": run the integration tests with"
          + " `./mvnw verify` (they need the packaged, shaded jar)");
    }
    return Path.of(jar).toAbsolutePath().toString();
  }

  static String testClasses() {
    return Path.of("target", "test-classes").toAbsolutePath().toString();
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
