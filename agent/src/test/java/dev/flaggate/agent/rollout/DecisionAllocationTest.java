package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 2: a decision allocates nothing, on every path. Measured with HotSpot's per-thread
 * allocation counter around many decisions; JMH's {@code -prof gc} gives the tracked figure.
 */
class DecisionAllocationTest {

  private static final int CALLS = 50_000;

  @Test
  @DisplayName("contract 3: deciding allocates nothing on any row, the bucket and no_shopper included")
  void decideDoesNotAllocate() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
    assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());

    RolloutEngine engine = Rules.engine(Map.of("ENV_FLAG", "true", "ENV_FLAG_PERCENT", "50"),
        Rules.parse("""
            {"flags": {
              "P": {"enabled": true, "allowlist": ["a"], "denylist": ["d"], "percent_rollout": 50,
                    "salt": "s\\u00e9l"},
              "L": {"enabled": true, "allowlist": ["a"]},
              "E": {"enabled": true},
              "OFF": {"enabled": false},
              "BAD": {"enabled": "true"}
            }}"""));
    String[] flags = {"P", "L", "E", "OFF", "BAD", "ENV_FLAG", "UNCONFIGURED"};
    String[] shoppers = {"a", "d", "shopper_001", "shopper_\u00e9\uD83D\uDE00", "", " ", null};
    for (String flag : flags) {
      engine.rule(flag); // registration allocates once, by design
    }
    decideAll(engine, flags, shoppers, CALLS); // warm up

    long thread = Thread.currentThread().getId();
    long before = hotspot.getThreadAllocatedBytes(thread);
    int sink = decideAll(engine, flags, shoppers, CALLS);
    long allocated = hotspot.getThreadAllocatedBytes(thread) - before;

    long decisions = (long) CALLS * flags.length * shoppers.length;
    // a single allocation per decision would be > 16 bytes each; allow a little measuring noise
    assertTrue(allocated < 64 * 1024, allocated + " bytes over " + decisions + " decisions (" + sink + ")");
  }

  private static int decideAll(RolloutEngine engine, String[] flags, String[] shoppers, int rounds) {
    int sink = 0;
    for (int i = 0; i < rounds; i++) {
      for (String flag : flags) {
        for (String shopper : shoppers) {
          sink += engine.decide(flag, shopper);
        }
      }
    }
    return sink;
  }
}
