package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.config.ParsedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract 6 "one config snapshot" and issue 2: a check never sees half a config. */
class SnapshotAtomicityTest {

  /** In A, shopper s is allowlisted for F and denylisted for G; in B the other way round. */
  private static final ParsedConfig A = Rules.parse("""
      {"flags": {
        "F": {"enabled": true, "allowlist": ["s"]},
        "G": {"enabled": true, "denylist": ["s"], "shadow_mode": true}
      }}""");
  private static final ParsedConfig B = Rules.parse("""
      {"flags": {
        "F": {"enabled": true, "denylist": ["s"]},
        "G": {"enabled": true, "allowlist": ["s"], "dual_run": true}
      }}""");

  @Test
  @DisplayName("contract 6: readers deciding during alternating reloads always see one whole config")
  void swapIsAtomic() throws InterruptedException {
    RolloutEngine engine = Rules.engine(Map.of(), A);
    int onA = DecisionCode.of(true, Reason.ALLOWLIST);
    int offB = DecisionCode.of(false, Reason.DENYLIST);
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> mixes = new ConcurrentLinkedQueue<>();
    AtomicInteger sawA = new AtomicInteger();
    AtomicInteger sawB = new AtomicInteger();
    int readers = 3;
    CountDownLatch started = new CountDownLatch(readers);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      threads.add(new Thread(() -> {
        started.countDown();
        while (!stop.get()) {
          int single = engine.decide("F", "s");
          if (single != onA && single != offB) {
            mixes.add("F alone decided " + single);
          }
          RolloutSnapshot snapshot = engine.snapshot();
          FlagRule f = snapshot.rule("F");
          FlagRule g = snapshot.rule("G");
          boolean fOn = DecisionCode.enabled(f.decide("s"));
          boolean gOn = DecisionCode.enabled(g.decide("s"));
          boolean isA = fOn && !gOn && g.shadowMode() && !g.dualRun();
          boolean isB = !fOn && gOn && !g.shadowMode() && g.dualRun();
          if (isA) {
            sawA.incrementAndGet();
          } else if (isB) {
            sawB.incrementAndGet();
          } else {
            mixes.add("F on " + fOn + ", G on " + gOn + ", G shadow " + g.shadowMode());
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    assertTrue(started.await(5, TimeUnit.SECONDS));
    // at least 2,000 swaps, and on until the readers have seen both configs (bounded): on two busy
    // cores the readers may not be scheduled at all while a fixed number of swaps runs
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; i < 2_000 || ((sawA.get() == 0 || sawB.get() == 0) && System.nanoTime() < deadline); i++) {
      engine.apply(i % 2 == 0 ? B : A);
    }
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(5_000);
    }
    assertEquals(List.of(), List.copyOf(mixes));
    assertTrue(sawA.get() > 0 && sawB.get() > 0, "readers saw A " + sawA + " and B " + sawB);
  }
}
