package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one-probe table of a flag's denylist and allowlist (rows 4 and 5 of contract section 3). */
class ShopperListsTest {

  @Test
  @DisplayName("contract 3: denied, allowed or neither; an id in both lists is denied")
  void listsOfEachId() {
    ShopperLists lists = ShopperLists.of(List.of("d1", "both"), List.of("a1", "both", "a2"));

    assertEquals(ShopperLists.DENIED, lists.listOf("d1"));
    assertEquals(ShopperLists.DENIED, lists.listOf("both"));
    assertEquals(ShopperLists.ALLOWED, lists.listOf("a1"));
    assertEquals(ShopperLists.ALLOWED, lists.listOf("a2"));
    assertEquals(ShopperLists.NONE, lists.listOf("a3"));
    assertEquals(4, lists.size());
  }

  @Test
  @DisplayName("contract 3: ids compare exactly: other instances match, other case does not")
  void exactComparison() {
    ShopperLists lists = ShopperLists.of(null, List.of("Shopper_001"));

    assertEquals(ShopperLists.ALLOWED, lists.listOf(new String("Shopper_001".toCharArray())));
    assertEquals(ShopperLists.NONE, lists.listOf("shopper_001"));
    assertEquals(ShopperLists.NONE, lists.listOf("Shopper_001 "));
  }

  @Test
  @DisplayName("contract 3: ids whose hashes collide, wholly or in the 30 bits a slot keeps, are told apart")
  void collidingHashesAreToldApart() {
    // "Aa" and "BB" share a hash code; "Ab" and "Ac" differ only in the two low bits a slot gives its list
    assertEquals("Aa".hashCode(), "BB".hashCode());
    assertEquals("Ab".hashCode() & ~3, "Ac".hashCode() & ~3);
    ShopperLists lists = ShopperLists.of(List.of("Aa", "Ab"), List.of("BB"));

    assertEquals(ShopperLists.DENIED, lists.listOf("Aa"));
    assertEquals(ShopperLists.ALLOWED, lists.listOf("BB"));
    assertEquals(ShopperLists.DENIED, lists.listOf("Ab"));
    assertEquals(ShopperLists.NONE, lists.listOf("Ac"));
    assertEquals(3, lists.size());
  }

  @Test
  @DisplayName("contract 3: a blank id is in no list, even when a list names one")
  void blankIdsAreInNoList() {
    ShopperLists lists = ShopperLists.of(List.of(" "), List.of("", "a"));

    assertEquals(ShopperLists.NONE, lists.listOf(""));
    assertEquals(ShopperLists.NONE, lists.listOf(" "));
    assertEquals(1, lists.size());
  }

  @Test
  @DisplayName("no usable id in either list: no table, the rule skips the probe")
  void emptyListsGiveNoTable() {
    assertNull(ShopperLists.of(null, null));
    assertNull(ShopperLists.of(List.of(), List.of()));
    assertNull(ShopperLists.of(List.of("  "), null));
  }

  @Test
  @DisplayName("equal hash codes, near-consecutive ids and a full probe run: answers as a HashSet would")
  void agreesWithHashSets() {
    // "Aa" and "BB" share a hash code, as do all their concatenations: a worst case for probing
    List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB");
    SplittableRandom random = new SplittableRandom(7);
    for (int size : new int[] {1, 2, 3, 7, 64, 1000, 5000}) {
      Set<String> denied = new HashSet<>();
      Set<String> allowed = new HashSet<>();
      for (int i = 0; i < size; i++) {
        String id = random.nextInt(10) == 0 ? colliding.get(random.nextInt(4)) : "shopper_" + random.nextInt(3 * size);
        (random.nextBoolean() ? denied : allowed).add(id);
      }
      ShopperLists lists = ShopperLists.of(new ArrayList<>(denied), new ArrayList<>(allowed));
      for (int i = 0; i < 4 * size; i++) {
        String id = i % 17 == 0 ? colliding.get(i % 4) : "shopper_" + i;
        int expected = denied.contains(id) ? ShopperLists.DENIED
            : allowed.contains(id) ? ShopperLists.ALLOWED : ShopperLists.NONE;
        assertEquals(expected, lists.listOf(id), "size " + size + ", id " + id);
      }
    }
  }
}
