package dev.flaggate.agent.rollout;

import java.util.Map;

/**
 * The compiled rules of one snapshot by flag name: a read-only open-addressing table, probed on
 * every {@code RolloutEngine.decide}.
 *
 * <p>Design notes. Keys are interned when the snapshot is built and callers pass literals (interned
 * by the JVM) or the names their annotations carry, so the common probe ends at the first slot on a
 * reference comparison: no {@code HashMap.Node} to load, no {@code String.equals}. An equal name
 * that is another instance is still found (by its cached hash code, then {@code equals}). Name and
 * rule share one array, so the rule is on the name's cache line. Linear probing at a load factor of
 * at most 1/2, slots picked by Fibonacci hashing as in {@link ShopperLists}. Built once per
 * snapshot, never changed, published through the snapshot's final fields.
 *
 * <p>The snapshot holds the table's array and shift itself, and probes it with the static {@link
 * #get}: a table object between them would be one more dependent load before every decision, and
 * the decision of one flag is a chain of such loads (engine, snapshot, slots, rule, its fields).
 */
final class FlagTable {

  private static final int GOLDEN = 0x9E3779B9;

  private FlagTable() {}

  /** The slots of a table of {@code byName}: {@code [2i]} a name (or null), {@code [2i+1]} its rule. */
  static Object[] slots(Map<String, FlagRule> byName) {
    // the smallest power of two of at least twice the names (2 at least: the shift stays below 32)
    int capacity = Integer.highestOneBit(Math.max(1, byName.size()) * 2 - 1) << 1;
    Object[] slots = new Object[capacity << 1];
    int shift = shift(slots);
    int mask = capacity - 1;
    for (Map.Entry<String, FlagRule> entry : byName.entrySet()) { // not a lambda: built at start
      String name = entry.getKey();
      int slot = (name.hashCode() * GOLDEN) >>> shift;
      while (slots[slot << 1] != null) {
        slot = (slot + 1) & mask; // keys of a map are distinct: no equal name can be here
      }
      slots[slot << 1] = name;
      slots[(slot << 1) + 1] = entry.getValue();
    }
    return slots;
  }

  /** The shift that picks a first slot of {@code slots} from the high bits of a Fibonacci hash. */
  static int shift(Object[] slots) {
    return 32 - Integer.numberOfTrailingZeros(slots.length >>> 1);
  }

  /** The rule of {@code flag} (not null) in {@code slots}, or {@code null} when the table has none. */
  static FlagRule get(Object[] slots, int shift, String flag) {
    int hash = flag.hashCode();
    int mask = (slots.length >>> 1) - 1;
    int slot = (hash * GOLDEN) >>> shift;
    while (true) {
      Object name = slots[slot << 1];
      if (name == flag) {
        return (FlagRule) slots[(slot << 1) + 1];
      }
      if (name == null) {
        return null;
      }
      if (name.hashCode() == hash && name.equals(flag)) {
        return (FlagRule) slots[(slot << 1) + 1];
      }
      slot = (slot + 1) & mask;
    }
  }
}
