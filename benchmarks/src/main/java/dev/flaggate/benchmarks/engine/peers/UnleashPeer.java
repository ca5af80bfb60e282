package dev.flaggate.benchmarks.engine.peers;

import dev.flaggate.benchmarks.engine.Shoppers;
import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Unleash Java SDK, offline: toggles from a bootstrap provider, polling and metrics disabled,
 * an unreachable API URL. The allowlist is the {@code userWithId} strategy, the denylist a
 * {@code userId NOT_IN} constraint, the kill switch {@code enabled: false}, the percent a
 * {@code flexibleRollout} with {@code groupId} = the salt: the contract's bucket, so its 5 % must
 * be exactly ours. Each call builds an {@code UnleashContext} with the user id.
 */
@State(Scope.Benchmark)
public class UnleashPeer extends Peer {

  public Unleash unleash;
  private Path backup;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    backup = Files.createTempFile("flaggate-bench-unleash", ".json");
    Files.delete(backup); // no stale backup: the bootstrap is the only source
    String toggles = toggles();
    UnleashConfig config = UnleashConfig.builder()
        .appName("flaggate-bench")
        .instanceId("flaggate-bench")
        .unleashAPI("http://127.0.0.1:9/api/")
        .disablePolling()
        .disableMetrics()
        .backupFile(backup.toString())
        .toggleBootstrapProvider(() -> Optional.of(toggles))
        .build();
    unleash = new DefaultUnleash(config);
    verify();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    unleash.shutdown();
    Files.deleteIfExists(backup);
  }

  @Override
  public boolean isEnabled(String flag, String shopperId) {
    return unleash.isEnabled(flag, UnleashContext.builder().userId(shopperId).build());
  }

  @Override
  protected String name() {
    return "unleash";
  }

  @Override
  protected boolean contractBuckets() {
    return true;
  }

  private static String toggles() {
    String allow = "{\"name\": \"userWithId\", \"parameters\": {\"userIds\": \""
        + String.join(",", Shoppers.ALLOWED) + "\"}";
    return "{\"version\": 2, \"features\": [\n"
        + toggle(Shoppers.ALLOWLIST, true, allow + "}") + ",\n"
        + toggle(Shoppers.DENYLIST, true, allow + ", \"constraints\": [{\"contextName\": \"userId\", "
            + "\"operator\": \"NOT_IN\", \"values\": " + Shoppers.json(Shoppers.DENIED) + "}]}") + ",\n"
        + toggle(Shoppers.KILLED, false, allow + "}") + ",\n"
        + toggle(Shoppers.PERCENT, true, "{\"name\": \"flexibleRollout\", \"parameters\": {\"rollout\": \""
            + Shoppers.PERCENT_VALUE + "\", \"stickiness\": \"userId\", \"groupId\": \"" + Shoppers.SALT + "\"}}")
        + "\n]}";
  }

  private static String toggle(String name, boolean enabled, String strategy) {
    return "{\"name\": \"" + name + "\", \"enabled\": " + enabled + ", \"type\": \"release\""
        + ", \"strategies\": [" + strategy + "]}";
  }
}
