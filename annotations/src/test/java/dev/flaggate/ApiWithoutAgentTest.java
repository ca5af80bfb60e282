package dev.flaggate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section 2: the API jar on its own, in a JVM without the agent. */
class ApiWithoutAgentTest {

  @Test
  @DisplayName("contract 2: without the agent every check answers off, reason agent_absent")
  void withoutAgent_offAndAgentAbsent() {
    assertFalse(FlagGate.agentAttached());
    assertFalse(FlagGate.isEnabled("WHATSAPP_GATEWAY_ENABLED", "shopper_001"));
    assertEquals(new Decision(false, "agent_absent"), FlagGate.evaluate("WHATSAPP_GATEWAY_ENABLED", "shopper_001"));
    assertFalse(FlagGate.inShadow());
  }

  @Test
  @DisplayName("contract 2: the default comparator: equals, arrays by content, throwables by class and message")
  void defaultComparator() {
    ResultComparator equality = new ResultComparator.Equality();
    assertTrue(equality.equivalent(List.of("a"), List.of("a")));
    assertFalse(equality.equivalent("a", "b"));
    assertTrue(equality.equivalent(new int[] {1, 2}, new int[] {1, 2}));
    assertFalse(equality.equivalent(new int[] {1, 2}, new long[] {1, 2}));
    assertTrue(equality.equivalent(new String[][] {{"x"}}, new String[][] {{"x"}}));
    assertTrue(equality.equivalent(new IOException("down"), new IOException("down")));
    assertFalse(equality.equivalent(new IOException("down"), new IllegalStateException("down")));
    assertFalse(equality.equivalent(new IOException("down"), "down"));
    assertTrue(equality.equivalent(null, null));
    assertFalse(equality.equivalent(null, "x"));
  }

  @Test
  @DisplayName("contract 2: the default description shows type, size and a short hash, never the content")
  void defaultDescription_neverShowsContent() {
    ResultComparator equality = new ResultComparator.Equality();
    String phone = "+5511987654321";
    String described = equality.describe(phone);
    assertFalse(described.contains("987654321"), described);
    assertTrue(described.startsWith("java.lang.String(length=14, #"), described);
    assertEquals(described, equality.describe(new String(phone)), "equal outcomes hash alike");
    assertTrue(!described.equals(equality.describe("+5511987654322")), "different outcomes hash apart");
    String thrown = equality.describe(new IllegalStateException("customer " + phone + " unreachable"));
    assertFalse(thrown.contains(phone), thrown);
    assertTrue(thrown.startsWith("threw java.lang.IllegalStateException(message length="), thrown);
    assertTrue(equality.describe(List.of(phone, phone)).contains("size=2"));
    assertTrue(equality.describe(new int[] {1, 2, 3}).startsWith("int[](length=3"));
    assertEquals("null", equality.describe(null));
  }
}
