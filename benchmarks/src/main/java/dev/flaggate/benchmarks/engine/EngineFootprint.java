package dev.flaggate.benchmarks.engine;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;

/**
 * The heap the agent's engine state takes with {@link LargeConfig} applied: the object graph
 * reachable from the {@link RolloutEngine} (JOL, exact), of which the last-known-good parsed file
 * the engine keeps, and the id strings alone; cross-checked by the heap used after full GCs with and
 * without the engine alive. Prints one JSON object. Not a timing: a size.
 */
public final class EngineFootprint {

  private EngineFootprint() {}

  public static void main(String[] args) {
    byte[] file = LargeConfig.bytes();
    long before = usedAfterGc();
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(Map.of()));
    engine.apply(((ConfigFileParser.Readable) ConfigFileParser.parse(file)).config());
    // ask for every flag once, as gated sites and hand checks do
    for (int flag = 0; flag < LargeConfig.FLAGS; flag++) {
      String name = String.format("FLAG_%04d", flag);
      if (!DecisionCode.enabled(engine.decide(name, String.format("shopper_%07d", flag * LargeConfig.SHOPPERS_PER_FLAG)))) {
        throw new IllegalStateException(name + " is not on for its first shopper");
      }
    }
    long after = usedAfterGc();
    GraphLayout graph = GraphLayout.parseInstance(engine);
    long total = graph.totalSize();
    long parsed = GraphLayout.parseInstance(engine.snapshot().fileConfig().orElseThrow()).totalSize();
    long snapshotOnly = total - parsed;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < LargeConfig.FLAGS * LargeConfig.SHOPPERS_PER_FLAG; i++) {
      ids.add(String.format("shopper_%07d", i));
    }
    long idStrings = GraphLayout.parseInstance(ids.toArray()).totalSize()
        - GraphLayout.parseInstance((Object) new Object[ids.size()]).totalSize();
    System.out.printf(
        "{\"flags\": %d, \"shoppersPerFlag\": %d, \"fileBytes\": %d, \"engineGraphBytes\": %d,"
            + " \"parsedConfigBytes\": %d, \"engineWithoutParsedConfigBytes\": %d,"
            + " \"idStringBytes\": %d, \"heapDeltaAfterGcBytes\": %d, \"objects\": %d, \"jvm\": \"%s\"}%n",
        LargeConfig.FLAGS, LargeConfig.SHOPPERS_PER_FLAG, file.length, total, parsed, snapshotOnly,
        idStrings, after - before, graph.totalCount(), System.getProperty("java.vm.version"));
    if (engine.snapshot() == null) {
      throw new AssertionError(); // keeps the engine reachable until here
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
