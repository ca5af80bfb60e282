package dev.flaggate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.config.watch.ConfigFileWatcher;
import dev.flaggate.agent.config.watch.WatchOptions;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.rollout.RolloutSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole reload path on real files (watcher, parser, reloader, engine) while readers hammer the
 * engine: every check sees the old config or the new one, never a mix, and nothing throws.
 */
class ReloadUnderLoadTest {

  /** Config A: F1 on for shopper x, F2 off. Config B: the opposite. A mix would show both on or both off. */
  private static final String A = "{\"flags\": {\"F1\": {\"enabled\": true, \"allowlist\": [\"x\"]}, \"F2\": {\"enabled\": false}}}";
  private static final String B = "{\"flags\": {\"F1\": {\"enabled\": true, \"allowlist\": []}, \"F2\": {\"enabled\": true}}}";

  @TempDir Path dir;

  @Test
  @DisplayName("contract 4: 300 rewrites under 3 hammering readers: each check sees one whole config, the last one wins")
  void rewritesUnderLoad_neverAMix() throws Exception {
    Path file = dir.resolve("flags.json");
    Files.writeString(file, A);
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    List<String> rejected = new ArrayList<>();
    ConfigReloader reloader = new ConfigReloader(file, engine, new ConfigReloader.Reporter() {
      @Override
      public void applied(Path f, List<String> changes, List<String> problems) {}

      @Override
      public void rejected(Path f, String problem) {
        synchronized (rejected) {
          rejected.add(problem);
        }
      }

      @Override
      public void deleted(Path f) {}

      @Override
      public void watcherProblem(Path f, String problem) {}
    });
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Set<RolloutSnapshot> seen = ConcurrentHashMap.newKeySet();
    List<Thread> readers = new ArrayList<>();
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file,
        WatchOptions.defaults().withPollInterval(Duration.ofMillis(50)), reloader)) {
      watcher.start();
      for (int i = 0; i < 3; i++) {
        Thread reader = new Thread(() -> {
          try {
            while (!stop.get()) {
              RolloutSnapshot snapshot = engine.snapshot();
              seen.add(snapshot);
              boolean f1 = DecisionCode.enabled(snapshot.decide("F1", "x"));
              boolean f2 = DecisionCode.enabled(snapshot.decide("F2", "x"));
              if (f1 == f2) {
                throw new AssertionError("a mix of two configs: F1=" + f1 + " F2=" + f2);
              }
              // the engine's own entry point reads one snapshot per call too
              engine.decide("F1", "x");
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        });
        reader.start();
        readers.add(reader);
      }
      for (int i = 0; i < 300; i++) {
        Path temp = dir.resolve("flags.json.tmp");
        Files.writeString(temp, i % 2 == 0 ? B : A);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (i % 25 == 24) {
          // every 25 renames (alternately B and A), wait until that version is in effect: the readers
          // then see a dozen versions come and go, whatever the debounce makes of the bursts between
          awaitF1(engine, i % 2 != 0);
        }
      }
      // the last rename wrote A (i = 299): it must win
      awaitF1(engine, true);
      stop.set(true);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(DecisionCode.enabled(engine.decide("F1", "x")), "the last content wins");
    assertTrue(!DecisionCode.enabled(engine.decide("F2", "x")), "the last content wins");
    assertTrue(seen.size() > 2, "readers saw reloads happen: " + seen.size() + " snapshots");
    assertEquals(List.of(), rejected, "renames are atomic: no half-written content was ever read");
  }

  /** Waits (5 s at most) until F1 is {@code on} for x: A is in effect when on, B when off. */
  private static void awaitF1(RolloutEngine engine, boolean on) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (DecisionCode.enabled(engine.decide("F1", "x")) != on && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
  }
}
