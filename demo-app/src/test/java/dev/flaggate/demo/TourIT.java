package dev.flaggate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour as a user runs it: {@code java -jar flaggate-demo.jar}, which starts a second JVM with the
 * real agent jar. Passes only when every phase row is printed and every check of the guide passed.
 */
class TourIT {

  private static final List<String> PHASES = List.of("dev", "staging", "canary", "rollback", "canary again",
      "percent 5", "percent 10", "percent 25", "percent 50", "percent 100", "cutover", "routing dual-run",
      "routing cutover", "gateway shadow", "gateway cutover");

  @Test
  @DisplayName("issue 6: the tour passes every phase of the rollout guide, the rollback included, in under a minute")
  void tour_everyPhaseAsTheGuideSays(@TempDir Path dir) throws IOException, InterruptedException {
    Path demoJar = Path.of(System.getProperty("flaggate.demo.jar", "target/flaggate-demo.jar"));
    Path agentJar = Path.of(System.getProperty("flaggate.agent.jar", "../agent/target/flaggate-agent.jar"));
    assertTrue(Files.isRegularFile(demoJar), "demo jar missing: " + demoJar);
    assertTrue(Files.isRegularFile(agentJar), "agent jar missing: " + agentJar);
    Path output = dir.resolve("tour.out");

    long start = System.nanoTime();
    Process tour = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dflaggate.agent.jar=" + agentJar.toAbsolutePath(), "-jar", demoJar.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean finished = tour.waitFor(150, TimeUnit.SECONDS);
    if (!finished) {
      tour.destroyForcibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String text = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(text);

    assertTrue(finished, "the tour did not finish within 150 s");
    for (String phase : PHASES) {
      assertTrue(Pattern.compile("(?m)^" + Pattern.quote(phase) + " +\\w+ .* PASS (\\d+)/\\1$").matcher(text).find(),
          "phase row '" + phase + "' missing or not passing");
    }
    assertTrue(!text.contains("    FAIL "), "a check failed");
    assertTrue(text.contains("phases as the guide says: 15/15"), "summary");
    assertTrue(text.contains("canonical_events_published_count_total "), "demo metrics in the report");
    assertTrue(text.contains("routing_assignments_count_total "), "demo metrics in the report");
    assertTrue(text.contains("canonical_publish_fail_count_total 0"), "demo metrics in the report");
    assertEquals(0, tour.exitValue(), "exit code");
    assertTrue(seconds < 60, "the whole tour took " + seconds + " s");
  }
}
