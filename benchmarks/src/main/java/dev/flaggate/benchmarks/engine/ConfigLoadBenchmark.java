package dev.flaggate.benchmarks.engine;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.ParsedConfig;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, the large file: time to parse {@link LargeConfig} (about 20 MB) and to parse and apply it
 * to an engine, what a reload of that file costs the watcher thread. {@code -prof gc} shows the
 * garbage one reload leaves.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"-Xmx4g"}) // prepend: run.sh's -jvmArgsAppend replaces an append
@State(Scope.Benchmark)
public class ConfigLoadBenchmark {

  private byte[] file;

  @Setup(Level.Trial)
  public void setUp() {
    file = LargeConfig.bytes();
    RolloutEngine engine = parseAndApply();
    if (!DecisionCode.enabled(engine.decide("FLAG_0999", "shopper_0999999"))
        || DecisionCode.enabled(engine.decide("FLAG_0999", "shopper_0000000"))) {
      throw new IllegalStateException("the large config does not decide as written");
    }
  }

  @Benchmark
  public ParsedConfig parse() {
    return ((ConfigFileParser.Readable) ConfigFileParser.parse(file)).config();
  }

  @Benchmark
  public RolloutEngine parseAndApply() {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    engine.apply(parse());
    return engine;
  }
}
