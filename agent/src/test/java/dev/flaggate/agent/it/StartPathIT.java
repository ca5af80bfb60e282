package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.testapp.ScenarioApp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up rule from the benchmarks (ARCHITECTURE.md, "Start-up"): on the way to the first routed
 * call, simple or shadow and dual-run, the agent spins no lambda class of its own. Each first use of a
 * lambda or method reference defines a hidden class at run time, milliseconds each while the JVM
 * starts. Checked on the JVM's own class-load log, per thread.
 */
class StartPathIT {

  private static final Pattern LOAD = Pattern.compile("^\\[(\\d+)\\] (\\S+) ");

  @TempDir Path dir;

  @Test
  @DisplayName("start-up: no lambda class of the agent is spun on the application's thread or the agent's start thread, and no metrics library class loads before a scrape")
  void noLambdaClassesOnTheStartPath() throws Exception {
    Run run = scenario("""
        {"flags": {
          "EVENTS": {"enabled": true, "allowlist": ["shopper_a", "shopper_b"], "shadow_mode": true},
          "EVENTS_SHADOW": {"enabled": true, "allowlist": ["shopper_a"]},
          "EVENTS_DUAL": {"enabled": true}
        }}""", "companions");
    assertTrue(run.result().stdout().contains("PROBE shopper_a | legacy | legacy@caller,new@secondary[pool]"),
        "the shadow and dual-run calls ran: " + run.result());

    List<String> lines = run.classLoads();
    // nothing scrapes the metrics here: the registry and the Prometheus model are never loaded
    assertEquals(List.of(), lines.stream()
        .filter(line -> line.contains("dev.flaggate.shaded.micrometer.") || line.contains("dev.flaggate.shaded.prometheus."))
        .toList(), "Micrometer or Prometheus classes loaded although nothing scraped");
    String main = threadLoading(lines, "dev.flaggate.testapp.ScenarioApp");
    String start = threadLoading(lines, "dev.flaggate.agent.AgentRuntime");
    for (String line : lines) {
      Matcher load = LOAD.matcher(line);
      if (load.find() && (load.group(1).equals(main) || load.group(1).equals(start))) {
        String loaded = load.group(2);
        assertTrue(!(loaded.startsWith("dev.flaggate.") && loaded.contains("$$Lambda")),
            "spun on " + (load.group(1).equals(main) ? "the application's thread" : "the agent's start thread")
                + ": " + line);
      }
    }
  }

  @Test
  @DisplayName("start-up: the API's first check calls the bridge by name: no method handle is linked on the application's thread")
  void apiCallsTheBridgeByName() throws Exception {
    Run run = scenario("""
        {"flags": {"API_FLAG": {"enabled": true, "allowlist": ["shopper_in"]}}}""", "api");
    assertTrue(run.result().stdout().contains("API attached=true in=true out=false/not_in_allowlist shadow=false"),
        run.result().toString());

    List<String> lines = run.classLoads();
    String main = threadLoading(lines, "dev.flaggate.testapp.ScenarioApp");
    boolean linked = false;
    for (String line : lines) {
      Matcher load = LOAD.matcher(line);
      if (load.find() && load.group(1).equals(main)) {
        linked |= load.group(2).equals("dev.flaggate.AgentLink");
        // the scenario itself uses no lambda, string concatenation or record toString after its first check
        assertTrue(!linked || !load.group(2).startsWith("java.lang.invoke.LambdaForm$"),
            "a method handle was linked on the application's thread after the API's first check: " + line);
      }
    }
    assertTrue(linked, "AgentLink is not in the class-load log");
  }

  @Test
  @DisplayName("a reload that turns shadow mode on asks for the complex-route warm-up; one that does not, does not")
  void reloadToShadowWarmsUp() throws Exception {
    assertEquals(true, warmedUpAfterReload(true), "a reload to shadow mode starts the warm-up");
    assertEquals(false, warmedUpAfterReload(false), "no shadow mode or dual-run anywhere: no warm-up");
  }

  private boolean warmedUpAfterReload(boolean turnOnShadow) throws Exception {
    Run run = scenario("""
        {"flags": {"CHECKOUT_V2": {"enabled": true}}}""", "shadow-reload", CONFIG, String.valueOf(turnOnShadow));
    assertTrue(run.result().stdout().contains("STEP reloaded " + (turnOnShadow ? "enabled" : "not_in_allowlist")),
        "the reload applied: " + run.result());
    // the warm-up's own subject class loads only when the warm-up runs
    return run.classLoads().stream()
        .anyMatch(line -> line.contains(" dev.flaggate.agent.routing.ComplexRouteWarmUp$Subject "));
  }

  @Test
  @DisplayName("start-up: the agent's classes load in the bootstrap loader (Boot-Class-Path: natively, unverified)")
  void agentClassesLoadInTheBootstrapLoader() throws Exception {
    Path config = Files.writeString(dir.resolve("flags.json"), CHECKOUT_FOR_SHOPPER_001);
    Path log = dir.resolve("agent.jsonl");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=" + log + ",summary-seconds=0")
        .run("dev.flaggate.testapp.ScenarioApp", "loader");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("LOADER bootstrap\nRESULT new:shopper_001:1"), result.toString());
    assertEquals("", result.stderr(), result.toString());
    String started = agentStarted(log);
    assertTrue(started.contains("\"loaded_by\":\"bootstrap\""), started);
    assertTrue(started.contains("\"bucket_reads\":\"bytes\""), "java.lang opened to the agent alone: " + started);
    // bootstrap packages carry no manifest attributes: the version must not come from there
    assertTrue(started.contains("\"version\":\"" + System.getProperty("flaggate.version", "(unset)") + "\""),
        "the version of the Maven project (failsafe passes it): " + started);
  }

  @Test
  @DisplayName("a renamed agent jar, which Boot-Class-Path does not name, loads from the system loader, routes alike and says why")
  void renamedJarLoadsFromTheSystemLoader() throws Exception {
    Path jar = Files.copy(Path.of(ForkedJvm.agentJar()), dir.resolve("flaggate-agent-1.0.jar"));
    Path config = Files.writeString(dir.resolve("flags.json"), CHECKOUT_FOR_SHOPPER_001);
    Path log = dir.resolve("agent.jsonl");
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=" + log + ",summary-seconds=0")
        .agentJar(jar)
        .run("dev.flaggate.testapp.ScenarioApp", "loader");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("LOADER app\nRESULT new:shopper_001:1"), result.toString());
    assertEquals("", result.stderr(), "a renamed jar is no error: nothing on stderr");
    String started = agentStarted(log);
    assertTrue(started.contains("\"loaded_by\":\"system: start-up is slower because the agent jar is not named flaggate-agent.jar"),
        started);
    // the system loader's unnamed module is the application's: java.lang is not opened to it
    assertTrue(started.contains("\"bucket_reads\":\"chars\""), started);
  }

  @Test
  @DisplayName("contract 3 bucket through the agent: every id's percent decision is its murmur3 bucket, read as bytes or chars alike")
  void percentDecisionsMatchTheReferenceBucket() throws Exception {
    for (boolean renamed : new boolean[] {false, true}) {
      Path config = Files.writeString(dir.resolve("buckets-" + renamed + ".json"), """
          {"flags": {"%s": {"enabled": true, "percent_rollout": 50, "salt": "cohört-7"}}}""".formatted(ScenarioApp.BUCKETS_FLAG));
      Path log = dir.resolve("buckets-" + renamed + ".jsonl");
      ForkedJvm launch = ForkedJvm.withAgent("config=" + config + ",log=" + log + ",summary-seconds=0");
      if (renamed) {
        launch = launch.agentJar(Files.copy(Path.of(ForkedJvm.agentJar()), dir.resolve("flaggate-agent-1.0.jar")));
      }
      ForkedJvm.Result result = launch.run("dev.flaggate.testapp.ScenarioApp", "buckets");
      assertEquals(0, result.exitCode(), result.toString());
      List<String> ids = ScenarioApp.bucketIds();
      int on = 0;
      for (int i = 0; i < ids.size(); i++) {
        byte[] bytes = ("cohört-7:" + ids.get(i)).getBytes(StandardCharsets.UTF_8);
        boolean expected = Integer.remainderUnsigned(
            MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), 100) < 50;
        on += expected ? 1 : 0;
        assertTrue(result.stdout().contains("DECISION " + i + " " + expected + "\n"),
            "id #" + i + " (renamed jar: " + renamed + ") decided against its bucket\n" + result);
      }
      assertTrue(on > 0 && on < ids.size(), "the ids fall on both sides of 50 %: " + on);
      assertTrue(result.stdout().contains("JAVA_LANG_OPEN_TO_APP false"), result.toString());
      assertTrue(agentStarted(log).contains("\"bucket_reads\":\"" + (renamed ? "chars" : "bytes") + "\""), agentStarted(log));
    }
  }

  private static String agentStarted(Path log) throws java.io.IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains("\"agent_started\"")).findFirst()
        .orElseThrow(() -> new AssertionError("no agent_started line in " + log));
  }

  private static final String CHECKOUT_FOR_SHOPPER_001 = """
      {"flags": {"CHECKOUT_V2": {"enabled": true, "allowlist": ["shopper_001"]}}}""";

  /** Stands for the flag file's path among a scenario's arguments. */
  private static final String CONFIG = "<config>";

  /**
   * Runs a scenario of ScenarioApp in a forked JVM with the agent reading {@code flags} (in a file
   * of its own), its class loads logged with their thread; fails unless it exits 0.
   */
  private Run scenario(String flags, String... arguments) throws Exception {
    Path work = Files.createTempDirectory(dir, "run");
    Path config = work.resolve("flags.json");
    Files.writeString(config, flags);
    Path classLog = work.resolve("classes.txt");
    String[] args = arguments.clone();
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].equals(CONFIG) ? config.toString() : args[i];
    }
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=off,summary-seconds=0")
        .jvmOption("-Xlog:class+load:file=" + classLog + ":tid")
        .run("dev.flaggate.testapp.ScenarioApp", args);
    assertEquals(0, result.exitCode(), result.toString());
    return new Run(result, Files.readAllLines(classLog));
  }

  private record Run(ForkedJvm.Result result, List<String> classLoads) {}

  private static String threadLoading(List<String> lines, String className) {
    for (String line : lines) {
      Matcher load = LOAD.matcher(line);
      if (load.find() && load.group(2).equals(className)) {
        return load.group(1);
      }
    }
    throw new AssertionError(className + " is not in the class-load log");
  }
}
