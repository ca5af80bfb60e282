package dev.flaggate.benchmarks.gated;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.flaggate.FlagGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Issue 7 (and 4), reload: the time from renaming a new flag file into place, as editors and deploy
 * tools do, to the first {@code FlagGate.isEnabled} that sees the new value, through the real agent
 * watching the file in this fork. One rename per iteration (single shot); the flag flips every
 * time. run.sh runs it twice: with the WatchService, and polling only ({@code watch=false}).
 *
 * <p>Before each rename the set-up pauses a random time, up to {@code flaggate.bench.reload.pauseMs}
 * (the poll interval when polling), so renames fall at every phase of the poll cycle. The check
 * loop parks 20 µs between checks, leaving the CPU to the watcher thread on a small machine.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 200)
@Fork(1)
@State(Scope.Thread)
public class ReloadBenchmark {

  private Path file;
  private Path temporary;
  private long maxPauseNanos;
  private boolean expected;

  @Setup(Level.Trial)
  public void setUp() {
    String config = System.getProperty("flaggate.bench.reload.config");
    if (config == null || !FlagGate.agentAttached()) {
      throw new IllegalStateException("run with -javaagent:...=config=F and -Dflaggate.bench.reload.config=F (see run.sh)");
    }
    file = Path.of(config);
    temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    maxPauseNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong("flaggate.bench.reload.pauseMs", 20));
    expected = FlagGate.isEnabled(GatedIds.RELOAD_FLAG, "shopper_reload");
  }

  @Setup(Level.Iteration)
  public void prepareNextVersion() throws IOException {
    expected = !expected;
    Files.writeString(temporary, GatedIds.reloadConfig(expected));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxPauseNanos));
  }

  @Benchmark
  public boolean renameToFirstCheck() throws IOException {
    Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (FlagGate.isEnabled(GatedIds.RELOAD_FLAG, "shopper_reload") != expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the agent did not apply the renamed file within 30 s");
      }
      LockSupport.parkNanos(20_000);
    }
    return expected;
  }
}
