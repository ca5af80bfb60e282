package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule above all (never break the host), for a gated class with an optional dependency: one of
 * its other methods names a type that is not on the class path at run time, which Java allows as
 * long as that method is never called. Shadow and dual-run once looked the gated method up with
 * {@code getDeclaredMethod}, which resolves every declared method's types: the caller got a
 * {@code NoClassDefFoundError} on every call.
 */
class OptionalDependencyIT {

  private static final String PACKAGE = "dev/flaggate/testapp/optional";

  @TempDir Path dir;

  @Test
  @DisplayName("rule above all: a gated class whose other method names a missing type runs shadow and dual-run as configured;"
      + " a gated method returning or taking that type is answered by legacy")
  void missingOptionalDependency_shadowAndDualRunStillRoute() throws Exception {
    Path classes = ForkedJvm.copyPackage(PACKAGE, dir.resolve("classes"), "Plugin");
    assertFalse(Files.exists(classes.resolve(PACKAGE).resolve("Plugin.class")), "the optional type is left out");
    Path config = dir.resolve("flags.json");
    Files.writeString(config,
        "{\"flags\": {\"NOTIFY_V2\": {\"enabled\": true, \"allowlist\": [\"s1\"], \"shadow_mode\": true, \"dual_run\": true}}}");

    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stdout")
        .classPathOnly(classes.toString(), ForkedJvm.apiJar())
        .run("dev.flaggate.testapp.optional.OptionalDependencyApp");

    assertEquals(0, result.exitCode(), result.toString());
    // s1: shadow and dual-run, legacy answers; s2: flag off, legacy only
    assertTrue(result.stdout().contains("RESULT legacy:s1,legacy:s1,legacy:s2,"), result.toString());
    assertTrue(result.stdout().contains("SECONDARIES true"), result.toString());
    // both sides ran and were compared: the route was linked, not the fallback
    assertTrue(result.stdout().contains("\"event\":\"dual_run_divergence\""), result.toString());
    // no line says the notify route failed to link; findPlugin's route is the one that cannot
    assertFalse(result.stdout().contains("linking shadow/dual-run of dev.flaggate.testapp.optional.Notifier.notify ("),
        result.toString());

    // findPlugin returns the missing type: every call answered by legacy, once each (no
    // BootstrapMethodError, no second run)
    assertTrue(result.stdout().contains("FOUND null,null,null, legacy ran 3"), result.toString());
    // and the agent says where and why
    assertTrue(result.stdout().contains("\"event\":\"agent_failure\""), result.toString());
    assertTrue(result.stdout().contains("linking shadow/dual-run of dev.flaggate.testapp.optional.Notifier.findPlugin"),
        result.toString());
    // notifyWith takes the missing type as a parameter (passed null): legacy answers, and it is told
    assertTrue(result.stdout().contains("WITH legacy-with:s1,legacy-with:s1,legacy-with:s2,"), result.toString());
    assertTrue(result.stdout().contains("linking shadow/dual-run of dev.flaggate.testapp.optional.Notifier.notifyWith"),
        result.toString());
  }
}
