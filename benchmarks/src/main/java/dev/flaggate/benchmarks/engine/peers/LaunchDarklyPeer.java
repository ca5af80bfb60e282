package dev.flaggate.benchmarks.engine.peers;

import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.integrations.FileData;
import dev.flaggate.benchmarks.engine.Shoppers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The LaunchDarkly Java server SDK, offline: flags in LaunchDarkly's own flag format from a local
 * file ({@link FileData}), no events, no diagnostics, no logging. Allowlist and denylist are
 * individual targets, the kill switch is {@code on: false}, the percent a fallthrough rollout
 * (LaunchDarkly buckets with SHA-1, so only the share is checked). Each call builds
 * {@code LDContext.create(shopperId)}, as an application does per request.
 */
@State(Scope.Benchmark)
public class LaunchDarklyPeer extends Peer {

  public LDClient client;
  private Path file;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("flaggate-bench-launchdarkly", ".json");
    Files.writeString(file, flags());
    LDConfig config = new LDConfig.Builder()
        .dataSource(FileData.dataSource().filePaths(file).autoUpdate(false))
        .events(Components.noEvents())
        .diagnosticOptOut(true)
        .logging(Components.noLogging())
        .startWait(Duration.ofSeconds(10))
        .build();
    client = new LDClient("sdk-key-unused-offline", config);
    if (!client.isInitialized()) {
      throw new IllegalStateException("launchdarkly: the file data source did not initialise");
    }
    verify();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    Files.deleteIfExists(file);
  }

  @Override
  public boolean isEnabled(String flag, String shopperId) {
    return client.boolVariation(flag, LDContext.create(shopperId), false);
  }

  @Override
  protected String name() {
    return "launchdarkly";
  }

  @Override
  protected boolean contractBuckets() {
    return false;
  }

  private static String flags() {
    String allow = "{\"values\": " + Shoppers.json(Shoppers.ALLOWED) + ", \"variation\": 0}";
    String deny = "{\"values\": " + Shoppers.json(Shoppers.DENIED) + ", \"variation\": 1}";
    return "{\"flags\": {\n"
        + flag(Shoppers.ALLOWLIST, true, "[" + allow + "]", "{\"variation\": 1}") + ",\n"
        + flag(Shoppers.DENYLIST, true, "[" + deny + ", " + allow + "]", "{\"variation\": 1}") + ",\n"
        + flag(Shoppers.KILLED, false, "[" + allow + "]", "{\"variation\": 1}") + ",\n"
        + flag(Shoppers.PERCENT, true, "[]", "{\"rollout\": {\"variations\": [{\"variation\": 0, \"weight\": "
            + Shoppers.PERCENT_VALUE * 1000 + "}, {\"variation\": 1, \"weight\": "
            + (100 - Shoppers.PERCENT_VALUE) * 1000 + "}]}}")
        + "\n}}";
  }

  private static String flag(String key, boolean on, String targets, String fallthrough) {
    return "\"" + key + "\": {\"key\": \"" + key + "\", \"version\": 1, \"on\": " + on
        + ", \"targets\": " + targets + ", \"rules\": [], \"prerequisites\": []"
        + ", \"fallthrough\": " + fallthrough + ", \"offVariation\": 1"
        + ", \"variations\": [true, false], \"salt\": \"" + Shoppers.SALT + "\"}";
  }
}
