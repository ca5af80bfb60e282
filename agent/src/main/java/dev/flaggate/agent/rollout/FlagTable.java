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
 * rule share one array, so the rule is on the name's cache line. Linear
 * probing at a load factor of at most 1/2, slots picked by Fibonacci hashing as in
 * {@link ShopperLists}. Built once per snapshot, never changed, published through the snapshot's
 * final field.
 */
final class FlagTable {

  private static final int GOLDEN = 0x9E3779B9;

  /** Name and rule side by side: {@code [2i]} a name (or null), {@code [2i+1]} its rule. */
  private final Object[] slots;
  private final int shift;

  FlagTable(Map<String, FlagRule> byName) {
    // the smallest power of two of at least twice the names (2 at least: the shift stays below 32)
    int capacity = Integer.highestOneBit(Math.max(1, byName.size()) * 2 - 1) << 1;
    slots = new Object[capacity << 1];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
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
  }

  /** The rule of {@code flag} (not null), or {@code null} when the table has none. */
  FlagRule get(String flag) {
    int hash = flag.hashCode();
    Object[] table = slots;
    int mask = (table.length >>> 1) - 1;
    int slot = (hash * GOLDEN) >>> shift;
    while (true) {
      Object name = table[slot << 1];
      if (name == flag) {
        return (FlagRule) table[(slot << 1) + 1];
      }
      if (name == null) {
        return null;
      }
      if (name.hashCode() == hash && name.equals(flag)) {
        return (FlagRule) table[(slot << 1) + 1];
      }
      slot = (slot + 1) & mask;
    }
  }
}
