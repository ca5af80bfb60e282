package dev.flaggate.benchmarks.engine.peers;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.benchmarks.engine.Shoppers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The agent's own engine, loaded from the config file the agent would read. */
@State(Scope.Benchmark)
public class FlaggateEngine extends Peer {

  /** What the agent asks on every gated call. */
  public RolloutEngine engine;

  @Setup(Level.Trial)
  public void setUp() {
    if (!RolloutEngine.bucketReads().equals("bytes")) {
      // the agent opens java.lang to itself at start; without the same here, buckets read chars
      throw new IllegalStateException("run the engine benchmarks with --add-opens=java.base/java.lang=ALL-UNNAMED,"
          + " as benchmarks/run.sh does: the agent gives itself that access");
    }
    engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    byte[] file = Shoppers.flaggateConfig().getBytes(StandardCharsets.UTF_8);
    if (!(ConfigFileParser.parse(file) instanceof ConfigFileParser.Readable readable)) {
      throw new IllegalStateException("the benchmark config does not parse: " + ConfigFileParser.parse(file));
    }
    engine.apply(readable.config());
    verify();
    for (String id : Shoppers.MIXED) {
      boolean expected = contains(Shoppers.DENIED, id) ? false
          : contains(Shoppers.ALLOWED, id) || Shoppers.inPercent(id);
      if (isEnabled(Shoppers.ROLLOUT, id) != expected) {
        throw new IllegalStateException("flaggate: " + Shoppers.ROLLOUT + " for " + id + " is not " + expected);
      }
    }
  }

  @Override
  public boolean isEnabled(String flag, String shopperId) {
    return DecisionCode.enabled(engine.decide(flag, shopperId));
  }

  @Override
  protected String name() {
    return "flaggate";
  }

  @Override
  protected boolean contractBuckets() {
    return true;
  }

  private static boolean contains(String[] ids, String id) {
    return java.util.Arrays.asList(ids).contains(id);
  }
}
