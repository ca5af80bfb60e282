package dev.flaggate.agent.rollout;

import java.util.Collection;

/**
 * The denylist and the allowlist of one flag as a single read-only hash table from shopper id to
 * its list: rows 4 and 5 of the decision table in one probe.
 *
 * <p>Design notes. A decision asked "denied?" and then "allowed?" of two {@code HashSet}s: two
 * probes for an allowlisted shopper, each through a {@code HashMap.Node} (one more dependent load
 * than needed). Here one table answers both, and a shopper in both lists is stored as denied, since
 * row 4 comes before row 5.
 *
 * <ul>
 *   <li><b>Open addressing, linear probing, load factor at most 1/2.</b> The table is built once
 *       per config and never changes, so there are no deletions or resizes to support, and short
 *       probe runs keep a miss (the common case: most shoppers are in no list) to one or two slots.
 *   <li><b>Fibonacci hashing</b> of {@code String.hashCode()} (cached by every {@code String}) picks
 *       the first slot from the high bits of {@code hash * 2^32/phi}: ids such as {@code
 *       shopper_0001..shopper_9999} have near-consecutive hash codes, which plain low bits would
 *       pack into long runs that a missing id then walks.
 *   <li><b>Hash and list packed in one {@code int} per slot</b> (the id's hash with its two low
 *       bits replaced by the list, which is never 0, so 0 marks an empty slot): a miss reads that
 *       one array and touches no {@code String}, and the array is half the size of one holding
 *       hash and list side by side, so more of it stays in the L1 cache; only a matching hash
 *       (30 bits) compares the id itself, by identity first, then {@code equals} (exact,
 *       case-sensitive, as contract section 3 requires).
 *   <li><b>No blank entries.</b> A blank id is in no list (contract section 3), so blank entries
 *       are never stored, and the caller may probe with a blank id without testing it first.
 * </ul>
 *
 * <p>Immutable after construction and safely published through the final fields of its rule.
 */
final class ShopperLists {

  /** The id is in neither list. */
  static final int NONE = 0;
  /** The id is in the denylist (whether or not it is also allowlisted). */
  static final int DENIED = 1;
  /** The id is in the allowlist only. */
  static final int ALLOWED = 2;

  private static final int GOLDEN = 0x9E3779B9;

  /** Clears a packed slot's list bits, leaving the 30 bits of hash it is compared by. */
  private static final int HASH_BITS = ~3;

  private final String[] ids;
  private final int[] hashAndList;
  private final int shift;
  private final int size;

  private ShopperLists(String[] ids, int[] hashAndList, int shift, int size) {
    this.ids = ids;
    this.hashAndList = hashAndList;
    this.shift = shift;
    this.size = size;
  }

  /**
   * The table of {@code denylist} and {@code allowlist} (either may be {@code null}), or {@code
   * null} when both hold no usable id: the caller then skips the probe with a null test.
   */
  static ShopperLists of(Collection<String> denylist, Collection<String> allowlist) {
    int entries = (denylist == null ? 0 : denylist.size()) + (allowlist == null ? 0 : allowlist.size());
    // the smallest power of two of at least twice the entries (2 at least: the shift stays below 32)
    int capacity = Integer.highestOneBit(Math.max(1, entries) * 2 - 1) << 1;
    Builder builder = new Builder(capacity);
    // loops, not lambdas: rules are compiled on the agent's start path, which spins none
    if (denylist != null) {
      for (String id : denylist) {
        builder.put(id, DENIED);
      }
    }
    if (allowlist != null) {
      for (String id : allowlist) {
        builder.put(id, ALLOWED);
      }
    }
    return builder.size == 0 ? null : builder.build();
  }

  /** {@link #DENIED}, {@link #ALLOWED} or {@link #NONE} for {@code id}, which must not be null. */
  int listOf(String id) {
    return listOf(hashAndList, ids, shift, id);
  }

  /**
   * {@link #listOf(String)} of the table whose arrays and shift are given: how a rule that holds
   * them in its own fields probes it, one dependent load shorter than through this object.
   */
  static int listOf(int[] table, String[] keys, int shift, String id) {
    int hash = id.hashCode();
    int mask = keys.length - 1;
    int slot = (hash * GOLDEN) >>> shift;
    int hashBits = hash & HASH_BITS;
    while (true) {
      int packed = table[slot];
      if (packed == NONE) {
        return NONE;
      }
      if ((packed & HASH_BITS) == hashBits) {
        String key = keys[slot];
        if (key == id || key.equals(id)) {
          return packed & 3;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The packed hash-and-list slots, for {@link #listOf(int[], String[], int, String)}. */
  int[] slots() {
    return hashAndList;
  }

  /** The ids by slot, for {@link #listOf(int[], String[], int, String)}. */
  String[] ids() {
    return ids;
  }

  /** The shift that turns a Fibonacci hash into a first slot, for {@link #listOf(int[], String[], int, String)}. */
  int shift() {
    return shift;
  }

  /** How many distinct ids the table holds. */
  int size() {
    return size;
  }

  /** Fills a table; a later {@code put} of an id already present keeps the first list (denied first). */
  private static final class Builder {

    private final String[] ids;
    private final int[] hashAndList;
    private final int shift;
    private int size;

    Builder(int capacity) {
      ids = new String[capacity];
      hashAndList = new int[capacity];
      shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    void put(String id, int list) {
      if (id == null || id.isBlank()) {
        return; // never matches: a blank shopper is in no list
      }
      int hash = id.hashCode();
      int mask = ids.length - 1;
      int slot = (hash * GOLDEN) >>> shift;
      while (hashAndList[slot] != NONE) {
        if ((hashAndList[slot] & HASH_BITS) == (hash & HASH_BITS) && ids[slot].equals(id)) {
          return; // already there: a denied id stays denied
        }
        slot = (slot + 1) & mask;
      }
      ids[slot] = id;
      hashAndList[slot] = (hash & HASH_BITS) | list;
      size++;
    }

    ShopperLists build() {
      return new ShopperLists(ids, hashAndList, shift, size);
    }
  }
}
