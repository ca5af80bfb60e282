package dev.flaggate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the tour (or the interactive mode) in a child JVM with the agent attached, the way a user
 * deploys Flaggate: {@code -javaagent:flaggate-agent.jar=config=FILE,metrics-port=N,log=FILE}. The
 * child's output streams straight to this console and its exit code becomes ours.
 */
final class Launcher {

  static final List<String> FLAGS = List.of("keep-logs", "help");
  static final String USAGE = String.join("\n",
      "usage: java -jar demo-app/target/flaggate-demo.jar [options]",
      "  (no option)            the tour: every phase of the rollout guide, about half a minute",
      "  --watch FILE           interactive: run the pipeline against FILE (edit it and watch), Ctrl-C stops",
      "  --agent-jar PATH       the agent (default: agent/target/flaggate-agent.jar beside this jar's module,",
      "                         or -Dflaggate.agent.jar, or FLAGGATE_AGENT_JAR)",
      "  --config-dir DIR       the phase files (default: the repository's config/, else the copy in this jar)",
      "  --shoppers N           population size (default 3000)",
      "  --rate N               messages per second (tour default 6000, watch default 2000)",
      "  --rounds N             messages per shopper per phase in the tour (default 2)",
      "  --keep-logs            keep the temporary directory with the flag file and logs (removed after a passing",
      "                         tour, and when the watch mode stops)");

  private Launcher() {}

  static int run(Args args) {
    if (args.has("help")) {
      System.out.println(USAGE);
      return 0;
    }
    Path agentJar = agentJar(args);
    if (agentJar == null || !Files.isRegularFile(agentJar)) {
      System.err.println("flaggate demo: the agent jar was not found" + (agentJar == null ? "" : " at " + agentJar)
          + ".\n  Build it first:  ./mvnw -q -DskipTests package\n  or name it:      --agent-jar PATH");
      return 2;
    }
    try {
      Path work = Files.createTempDirectory("flaggate-demo-");
      Path agentLog = work.resolve("agent.log");
      Path eventLog = work.resolve("events.log");
      int port = freePort();
      PhaseFiles files = new PhaseFiles(configDir(args));
      List<String> child = new ArrayList<>();
      Path flagFile;
      String mode;
      if (args.has("watch")) {
        flagFile = Path.of(args.get("watch")).toAbsolutePath();
        if (!Files.isRegularFile(flagFile)) {
          System.err.println("flaggate demo: " + flagFile + " does not exist; start from a phase file, e.g. "
              + "cp config/canary.json /tmp/flags.json && java -jar demo-app/target/flaggate-demo.jar --watch /tmp/flags.json");
          return 2;
        }
        mode = "--run-watch";
      } else {
        flagFile = work.resolve("flags.json");
        files.install("dev.json", flagFile); // the agent starts on phase 0
        mode = "--run-tour";
      }
      if (flagFile.toString().contains(",")) {
        System.err.println("flaggate demo: the agent's options are comma-separated; move " + flagFile
            + " to a path without a comma");
        return 2;
      }
      String agentOptions = "config=" + flagFile + ",metrics-port=" + port + ",log=" + agentLog
          // one latency sample per call (default one in 16): the tour's p95 columns read every call
          + ",latency-sample=1"
          // room for a burst of secondaries on a busy 2-core box; skipped ones are still counted
          + ",secondary-queue=1024";
      child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      child.add("-javaagent:" + agentJar + "=" + agentOptions);
      child.add("-cp");
      child.add(System.getProperty("java.class.path"));
      child.add(Main.class.getName());
      child.add(mode);
      child.add("--flag-file");
      child.add(flagFile.toString());
      child.add("--metrics-port");
      child.add(String.valueOf(port));
      child.add("--agent-log");
      child.add(agentLog.toString());
      child.add("--event-log");
      child.add(eventLog.toString());
      if (files.directory() != null) {
        child.add("--config-dir");
        child.add(files.directory().toString());
      }
      for (String passed : List.of("shoppers", "rate", "rounds")) {
        if (args.has(passed)) {
          child.add("--" + passed);
          child.add(args.get(passed));
        }
      }
      System.out.println("$ java -javaagent:" + agentJar + "=" + agentOptions + " ... " + mode);
      Process process = new ProcessBuilder(child).inheritIO().start();
      boolean watch = args.has("watch");
      boolean keep = args.has("keep-logs");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        // Ctrl-C: the child goes too; the watch mode's logs grow with every message, so they go as well
        process.destroy();
        if (watch && !keep) {
          try {
            process.waitFor();
            deleteTree(work);
          } catch (IOException | InterruptedException ignored) {
            // best effort on the way out
          }
        }
      }));
      int exit = process.waitFor();
      if (exit == 0 && !keep && !watch) {
        deleteTree(work);
        System.out.println("(temporary flag file and logs removed; --keep-logs keeps them)");
      } else if (!watch || keep) {
        System.out.println("flag file and logs kept in " + work);
      }
      return exit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static Path agentJar(Args args) {
    String named = firstOf(args.get("agent-jar"), System.getProperty("flaggate.agent.jar"),
        System.getenv("FLAGGATE_AGENT_JAR"));
    if (named != null) {
      return Path.of(named).toAbsolutePath();
    }
    Path repo = repository();
    Path candidate = repo != null ? repo.resolve("agent/target/flaggate-agent.jar") : null;
    if (candidate != null && Files.isRegularFile(candidate)) {
      return candidate;
    }
    Path here = Path.of("agent/target/flaggate-agent.jar").toAbsolutePath();
    return Files.isRegularFile(here) ? here : candidate;
  }

  private static Path configDir(Args args) {
    String named = firstOf(args.get("config-dir"), System.getProperty("flaggate.config.dir"));
    if (named != null) {
      return Path.of(named).toAbsolutePath();
    }
    Path repo = repository();
    Path config = repo == null ? null : repo.resolve("config");
    return config != null && Files.isRegularFile(config.resolve("dev.json")) ? config : null;
  }

  /** The repository root, when this code runs from demo-app/target/flaggate-demo.jar or demo-app/target/classes. */
  private static Path repository() {
    try {
      Path location = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = location.getParent();
      Path module = target == null ? null : target.getParent();
      return module == null ? null : module.getParent();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
