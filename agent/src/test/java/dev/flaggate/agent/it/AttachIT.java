package dev.flaggate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 point 1, {@code agentmain}: the agent attached to a running JVM whose gated class is
 * already loaded, called and compiled. The class is retransformed and routed from then on, and
 * the API jar, linked to nothing when it was initialised, now reaches the agent.
 */
class AttachIT {

  @TempDir Path dir;

  @Test
  @DisplayName("contract 2 and 7: attached to a running JVM, an already-loaded gated class is routed by the flag file and FlagGate turns attached")
  void attachToRunningJvm_retransformsAndRelinks() throws Exception {
    Path config = dir.resolve("flags.json");
    Files.writeString(config, "{\"flags\": {\"ATTACH_GREETING_V2\": {\"enabled\": true, \"allowlist\": [\"attach-on\"]}}}");
    // PluginGreeting names AbsentPlugin, left out: reflection over its methods fails
    Path classes = ForkedJvm.copyPackage("dev/flaggate/testapp/attach", dir.resolve("classes"), "AbsentPlugin");
    ForkedJvm.copyPackage("dev/flaggate/testapp", dir.resolve("classes"));
    ForkedJvm jvm = ForkedJvm.withoutAgent().classPathOnly(classes.toString(), ForkedJvm.apiJar());
    if (Runtime.version().feature() >= 21) {
      jvm.jvmOption("-XX:+EnableDynamicAgentLoading"); // JEP 451: what a user of agentmain must add on Java 21+
    }
    ForkedJvm.Running app = jvm.start("dev.flaggate.testapp.attach.AttachApp");
    try {
      app.awaitLine("WAITING", 60);
      VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
      try {
        vm.loadAgent(ForkedJvm.agentJar(), "config=" + config + ",log=stderr");
      } finally {
        vm.detach();
      }
      app.send("go");
      ForkedJvm.Result result = app.finish();
      assertEquals(0, result.exitCode(), result.toString());
      assertFalse(result.stderr().contains("sun.misc.Unsafe"), "Java 24+ warns when a library uses Unsafe\n" + result);

      assertEquals("false", result.probeFree("WARM "), result.toString());
      assertEquals("false", result.probeFree("ATTACHED-before "), result.toString());
      assertEquals("Decision[enabled=false, reason=agent_absent]", result.probeFree("DECISION-before "), result.toString());
      assertEquals("new-hello | new@caller", result.probe("before-attach-on"), "no agent: the new body for everyone\n" + result);
      assertEquals("new-hello | new@caller", result.probe("before-attach-off"), result.toString());

      assertEquals("true", result.probeFree("ATTACHED-after "), "the loaded API was relinked\n" + result);
      assertEquals("Decision[enabled=true, reason=allowlist]", result.probeFree("DECISION-after "), result.toString());
      assertEquals("true", result.probeFree("ENABLED-after "), "the JIT-compiled FlagGate.isEnabled follows the relink\n" + result);
      assertEquals("new-hello | new@caller", result.probe("after-attach-on"), result.toString());
      assertEquals("legacy-hello | legacy@caller", result.probe("after-attach-off"), "the loaded class was retransformed\n" + result);
      assertEquals("new-plugin-hello | new@caller", result.probe("before-plugin-attach-off"), result.toString());
      assertEquals("new-plugin-hello | new@caller", result.probe("after-plugin-attach-on"), result.toString());
      assertEquals("legacy-plugin-hello | legacy@caller", result.probe("after-plugin-attach-off"),
          "a loaded class whose other method names a missing type is retransformed too\n" + result);
    } finally {
      app.kill();
    }
  }
}
