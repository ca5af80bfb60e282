package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 6, the secondary execution: it never slows, blocks or fails the caller, is
 * skipped when the pool is full, interrupted after its timeout, never nests, and never keeps the JVM
 * alive. Each scenario runs {@code dev.flaggate.testapp.ExperimentApp} in a forked JVM.
 */
class SecondaryExecutionIT {

  private static final String SHADOW = "{\"flags\": {\"EXPERIMENT\": {\"enabled\": true, \"shadow_mode\": true}}}";

  @TempDir Path dir;

  @Test
  @DisplayName("contract 6: a slow secondary does not slow the caller (the caller returns while the secondary is blocked)")
  void slowSecondary_callerReturnsFirst() throws Exception {
    ForkedJvm.Result result = run(SHADOW, "", "slow");
    assertTrue(result.stdout().contains("FACT returnedBeforeSecondaryFinished=true"), result.toString());
    assertTrue(result.stdout().contains("RESULT legacy"), result.toString());
    assertEquals(List.of("legacy@caller", "new@secondary[pool]"), events(result));
  }

  @Test
  @DisplayName("contract 6: when the pool is full the secondary is skipped and counted, never queued, never blocking")
  void fullPool_secondarySkipped() throws Exception {
    ForkedJvm.Result result = run(SHADOW, ",secondary-threads=1,secondary-queue=0", "fullPool");
    assertTrue(result.stdout().contains("RESULT legacy,legacy"), result.toString());
    assertTrue(result.stdout().contains("FACT newRuns=1"), result.toString());
    assertTrue(result.stdout().contains("\"event\":\"secondary_skipped\""), result.toString());
  }

  @Test
  @DisplayName("contract 6: a secondary past its timeout is interrupted and counted; the caller never notices")
  void hangingSecondary_interruptedAfterTimeout() throws Exception {
    ForkedJvm.Result result = run(SHADOW, ",secondary-timeout-ms=200", "timeout");
    assertTrue(result.stdout().contains("RESULT legacy"), result.toString());
    assertEquals(List.of("legacy@caller", "new@secondary[pool]", "interrupted@secondary[pool]"), events(result));
    assertTrue(result.stdout().contains("\"event\":\"secondary_timeout\""), result.toString());
  }

  @Test
  @DisplayName("contract 6: exceptions of the secondary never reach the caller; they are logged as secondary errors, messages withheld")
  void throwingSecondary_neverReachesCaller() throws Exception {
    ForkedJvm.Result result = run(SHADOW, "", "explode");
    assertTrue(result.stdout().contains("RESULT legacy"), result.toString());
    assertEquals(List.of("legacy@caller", "new@secondary[pool]"), events(result));
    assertTrue(result.stdout().contains("\"event\":\"secondary_error\""), result.toString());
    // contract 2: the application's text can carry personal data; where it failed stays readable
    assertFalse(result.stdout().contains("new code bug"), result.toString());
    assertTrue(result.stdout().contains("java.lang.IllegalStateException: (message withheld: 12 chars"), result.toString());
    assertTrue(result.stdout().contains("at dev.flaggate.testapp.Experiments.explode"), result.toString());
  }

  @Test
  @DisplayName("log-full-values=true: a secondary error's line shows its message")
  void throwingSecondary_fullValues_messageShown() throws Exception {
    ForkedJvm.Result result = run(SHADOW, ",log-full-values=true", "explode");
    assertTrue(result.stdout().contains("RESULT legacy"), result.toString());
    assertTrue(result.stdout().contains("java.lang.IllegalStateException: new code bug"), result.toString());
  }

  @Test
  @DisplayName("contract 6: a gated call inside a secondary routes by its own flag but starts no secondary of its own")
  void nestedGatedCall_noNestedSecondary() throws Exception {
    ForkedJvm.Result result = run(SHADOW, "", "nested");
    assertTrue(result.stdout().contains("RESULT legacy-outer"), result.toString());
    // outer: legacy answers, new runs as secondary; inner (called from outer's new body, in the secondary):
    // shadow says legacy answers, and no second secondary starts for it
    assertEquals(List.of("legacy-outer@caller", "new-outer@secondary[pool]", "legacy-inner@secondary[pool]"),
        events(result));
  }

  @Test
  @DisplayName("contract 6: the synchronous option runs the secondary on the caller's thread after the primary")
  void synchronousOption_runsOnCallerAfterPrimary() throws Exception {
    ForkedJvm.Result result = run(SHADOW, ",secondary-sync=true", "explode");
    assertTrue(result.stdout().contains("RESULT legacy"), result.toString());
    assertEquals(List.of("legacy@caller", "new@secondary"), events(result), "same thread, in order, not the pool");
  }

  @Test
  @DisplayName("contract 6: pending secondaries never keep the JVM from exiting")
  void pendingSecondary_jvmExits() throws Exception {
    ForkedJvm.Result result = run(SHADOW, "", "exitWhilePending");
    assertTrue(result.stdout().contains("FACT mainReturning=true"), result.toString());
    assertEquals(0, result.exitCode());
  }

  @Test
  @DisplayName("contract 6: without shadow or dual-run the new body answers and no secondary runs")
  void flagOnWithoutModes_noSecondary() throws Exception {
    ForkedJvm.Result result = run("{\"flags\": {\"EXPERIMENT\": {\"enabled\": true}}}", "", "explode");
    assertTrue(result.stdout().contains("RESULT threw") || result.exitCode() != 0, result.toString());
    assertFalse(result.stdout().contains("@secondary"), result.toString());
  }

  @Test
  @DisplayName("contract 6: a varargs method under dual-run and under shadow: the array reaches each side whole")
  void varargsMethod_bothSidesGetTheArray() throws Exception {
    ForkedJvm.Result dualRun = run("{\"flags\": {\"EXPERIMENT\": {\"enabled\": true, \"dual_run\": true}}}", "", "varargs");
    assertTrue(dualRun.stdout().contains("RESULT new:a+b"), dualRun.toString());
    assertEquals(List.of("new@caller", "legacy@secondary[pool]"), events(dualRun));
    assertFalse(dualRun.stdout().contains("\"event\":\"secondary_error\""), dualRun.toString());

    ForkedJvm.Result shadow = run(SHADOW, "", "varargs");
    assertTrue(shadow.stdout().contains("RESULT legacy:a+b"), shadow.toString());
    assertEquals(List.of("legacy@caller", "new@secondary[pool]"), events(shadow));
    assertFalse(shadow.stdout().contains("\"event\":\"secondary_error\""), shadow.toString());
  }

  private ForkedJvm.Result run(String config, String extraOptions, String scenario) throws Exception {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, config);
    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + file + extraOptions)
        .run("dev.flaggate.testapp.ExperimentApp", scenario);
    if (!scenario.equals("explode") || config.contains("shadow")) {
      assertEquals(0, result.exitCode(), result.toString());
    }
    return result;
  }

  private static List<String> events(ForkedJvm.Result result) {
    return result.stdout().lines().filter(line -> line.startsWith("EVENTS ")).findFirst()
        .map(line -> Arrays.asList(line.substring("EVENTS ".length()).split(",")))
        .orElseThrow(() -> new AssertionError("no EVENTS line\n" + result));
  }
}
