package dev.flaggate.demo.pipeline;

import static dev.flaggate.demo.pipeline.Divergence.Verdict.CRITICAL;
import static dev.flaggate.demo.pipeline.Divergence.Verdict.NON_CRITICAL;
import static dev.flaggate.demo.pipeline.Divergence.Verdict.SAME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's definition of a critical divergence, as printed by the tour. */
class DivergenceTest {

  private static final PublishedEvent RAW =
      new PublishedEvent("evt-1", "conv-1", "shopper_001", "(11) 98765-4321", "message.received", 12);
  private static final PublishedEvent E164 =
      new PublishedEvent("evt-1", "conv-1", "shopper_001", "+5511987654321", "message.received", 12);

  @Test
  void equalOutcomes_same() {
    assertEquals(SAME, Divergence.classify(E164, E164));
    assertEquals(SAME, Divergence.classify(new Assignment("orders", "a-1"), new Assignment("orders", "a-1")));
    assertEquals(SAME, Divergence.classify(new IllegalStateException("x"), new IllegalStateException("x")));
  }

  @Test
  @DisplayName("the deliberate divergence: the same event, the number in another format, is non-critical")
  void phoneFormatOnly_nonCritical() {
    assertEquals(NON_CRITICAL, Divergence.classify(RAW, E164));
  }

  @Test
  @DisplayName("one side failed and the other succeeded: critical")
  void oneSideFailed_critical() {
    assertEquals(CRITICAL, Divergence.classify(RAW, new IllegalStateException("stream down")));
    assertEquals(CRITICAL, Divergence.classify(new IllegalStateException("stream down"), E164));
    assertEquals(CRITICAL, Divergence.classify(new IllegalStateException("a"), new IllegalArgumentException("a")));
  }

  @Test
  @DisplayName("another recipient, event, or agent: critical")
  void differentWhatSomeoneActsOn_critical() {
    assertEquals(CRITICAL, Divergence.classify(RAW,
        new PublishedEvent("evt-1", "conv-1", "shopper_001", "+5511900000000", "message.received", 12)));
    assertEquals(CRITICAL, Divergence.classify(RAW,
        new PublishedEvent("evt-2", "conv-1", "shopper_001", "+5511987654321", "message.received", 12)));
    assertEquals(CRITICAL, Divergence.classify(new Assignment("orders", "a-1"), new Assignment("orders", "a-2")));
    assertEquals(CRITICAL, Divergence.classify(RAW, null));
  }

  @Test
  void comparator_recordsVerdictsInTheLedger() {
    RunLedger.startWindow();
    EventComparator comparator = new EventComparator();
    assertEquals(false, comparator.equivalent(RAW, E164));
    assertEquals(true, comparator.equivalent(E164, E164));
    RunLedger.Runs runs = RunLedger.startWindow().of(Feature.CANONICAL);
    assertEquals(2, runs.comparisons());
    assertEquals(1, runs.divergences());
    assertEquals(0, runs.critical());
    assertEquals("PublishedEvent(evt-1, phone_format=raw)", comparator.describe(RAW), "no phone number in logs");
  }
}
