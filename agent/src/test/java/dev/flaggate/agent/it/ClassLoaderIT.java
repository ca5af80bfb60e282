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
 * Issue 3 point 1 and contract section 2: gated classes loaded by class loaders other than the
 * system one (a child {@code URLClassLoader}; two sibling loaders, each with its own copy of the
 * API jar, as two web apps in one server) are routed, and each API copy reaches the one agent.
 */
class ClassLoaderIT {

  private static final String EXPECTED = "attached=true on=new off=legacy decision=Decision[enabled=true, reason=allowlist]";

  @TempDir Path dir;

  @Test
  @DisplayName("contract 2: a child loader and two sibling loaders with their own API jar copies are routed and see the agent")
  void childAndSiblingLoaders_routedAndLinked() throws Exception {
    Path launcher = ForkedJvm.copyPackage("dev/flaggate/testapp/loaders", dir.resolve("launcher"));
    Path gated = ForkedJvm.copyPackage("dev/flaggate/testapp/loaders/gated", dir.resolve("gated"));
    Path api = Path.of(ForkedJvm.apiJar());
    Path apiA = Files.copy(api, dir.resolve("api-a.jar"));
    Path apiB = Files.copy(api, dir.resolve("api-b.jar"));
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {\"LOADER_WALLET_V2\": {\"enabled\": true, \"allowlist\": [\"loader-on\"]}}}");

    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stderr")
        .classPathOnly(launcher.toString()) // neither the API jar nor the gated class on the system class path
        .run("dev.flaggate.testapp.loaders.LoaderApp", gated.toString(), api.toString(), apiA.toString(), apiB.toString());

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("false", result.probeFree("SYSTEM_HAS_API "), result.toString());
    assertEquals("false", result.probeFree("SYSTEM_HAS_WALLET "), result.toString());
    assertEquals(EXPECTED + " api-loader=child wallet-loader=child", result.probe("child"), result.toString());
    assertEquals(EXPECTED + " api-loader=sibling-a wallet-loader=sibling-a", result.probe("sibling-a"), result.toString());
    assertEquals(EXPECTED + " api-loader=sibling-b wallet-loader=sibling-b", result.probe("sibling-b"), result.toString());
    assertEquals("true", result.probeFree("DISTINCT_API "), "each sibling has its own FlagGate\n" + result);
    assertEquals("true", result.probeFree("DISTINCT_WALLET "), result.toString());
    assertFalse(result.stderr().contains("misconfigured_method"), result.toString());
  }

  @Test
  @DisplayName("rule above all: a loader that does not delegate to the bootstrap loader (OSGi's default) cannot reach the bridge: legacy, never an error")
  void loaderWithoutBootDelegation_legacyNeverAnError() throws Exception {
    Path launcher = ForkedJvm.copyPackage("dev/flaggate/testapp/osgi", dir.resolve("launcher"));
    Path plugin = ForkedJvm.copyPackage("dev/flaggate/testapp/osgi/plugin", dir.resolve("plugin"));
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {\"BUNDLE_V2\": {\"enabled\": true, \"allowlist\": [\"s1\"]}}}");

    ForkedJvm.Result result = ForkedJvm.withAgent("config=" + config + ",log=stderr")
        .classPathOnly(launcher.toString())
        .run("dev.flaggate.testapp.osgi.OsgiLikeApp", plugin.toString(), ForkedJvm.apiJar());

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("RESULT s1=old s2=old", result.stdout().lines().filter(line -> line.startsWith("RESULT")).findFirst()
        .orElse("no RESULT"), result.toString());
    // and it says so, with the fix: the method is as good as misconfigured
    String report = result.stderr().lines().filter(line -> line.contains("\"event\":\"misconfigured_method\""))
        .findFirst().orElse("no misconfigured_method line");
    assertTrue(report.contains("dev.flaggate.testapp.osgi.plugin.Svc"), result.toString());
    assertTrue(report.contains("does not resolve dev.flaggate.bootstrap to the bootstrap class loader"), report);
    assertTrue(report.contains("org.osgi.framework.bootdelegation=dev.flaggate.bootstrap.*"), report);
  }
}
