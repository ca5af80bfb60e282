package dev.flaggate.agent.observability.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract section 2: an application's exception is logged without its text unless asked. */
class WithheldMessagesTest {

  @Test
  @DisplayName("every message of the cause chain is withheld; classes, frames and the chain stay")
  void messagesWithheld_classesAndFramesKept() {
    IllegalArgumentException cause = new IllegalArgumentException("no account for maria.silva@example.com");
    IllegalStateException error = new IllegalStateException("sending to +55 11 98765-4321 failed", cause);
    error.addSuppressed(new java.io.IOException("closing the session of maria.silva failed"));

    Throwable logged = WithheldMessages.of(error);
    StringWriter trace = new StringWriter();
    logged.printStackTrace(new PrintWriter(trace));

    assertEquals("java.lang.IllegalStateException", ((WithheldMessages) logged).className());
    assertArrayEquals(error.getStackTrace(), logged.getStackTrace());
    assertFalse(trace.toString().contains("maria.silva"), trace.toString());
    assertFalse(trace.toString().contains("98765"), trace.toString());
    assertTrue(trace.toString().startsWith("java.lang.IllegalStateException: (message withheld: 35 chars"), trace.toString());
    assertTrue(trace.toString().contains("Caused by: java.lang.IllegalArgumentException: (message withheld: 38 chars"),
        trace.toString());
    assertTrue(trace.toString().contains("at " + WithheldMessagesTest.class.getName()), trace.toString());
    assertTrue(trace.toString().contains("Suppressed: java.io.IOException: (message withheld: 41 chars"), trace.toString());
  }

  @Test
  @DisplayName("a throwable without a message stays without one; a cycle in the chain ends")
  void noMessage_andCycle() {
    RuntimeException first = new RuntimeException();
    RuntimeException second = new RuntimeException("x", first);
    first.initCause(second);

    Throwable logged = WithheldMessages.of(first);

    assertNull(logged.getMessage());
    assertEquals("java.lang.RuntimeException", logged.toString());
    int depth = 0;
    for (Throwable t = logged; t != null; t = t.getCause()) {
      depth++;
    }
    assertTrue(depth <= 16, "bounded: " + depth);
  }
}
