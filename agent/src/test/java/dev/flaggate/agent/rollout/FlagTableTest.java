package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The snapshot's table of rules by flag name. */
class FlagTableTest {

  @Test
  @DisplayName("finds every rule by the same or an equal name, and nothing for other names")
  void findsByName() {
    for (int size : new int[] {0, 1, 2, 3, 17, 500}) {
      Map<String, FlagRule> byName = new HashMap<>();
      for (int i = 0; i < size; i++) {
        String flag = "FLAG_" + i;
        byName.put(flag, FlagRule.none(flag));
      }
      // "Aa" and "BB" share a hash code: colliding names must both be found
      byName.put("Aa", FlagRule.none("Aa"));
      byName.put("BB", FlagRule.none("BB"));
      Object[] slots = FlagTable.slots(byName);
      int shift = FlagTable.shift(slots);

      byName.forEach((flag, rule) -> {
        assertSame(rule, FlagTable.get(slots, shift, flag), flag);
        assertSame(rule, FlagTable.get(slots, shift, new String(flag.toCharArray())),
            "an equal name, another instance: " + flag);
      });
      assertNull(FlagTable.get(slots, shift, "FLAG_" + size));
      assertNull(FlagTable.get(slots, shift, "flag_0"));
      assertNull(FlagTable.get(slots, shift, ""));
    }
  }
}
