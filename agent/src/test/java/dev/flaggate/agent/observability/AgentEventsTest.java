package dev.flaggate.agent.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flaggate.agent.observability.logging.LogOutput;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.logging.Truncation;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.routing.FlagTelemetry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@DisplayName("contract 8: structured events")
class AgentEventsTest {

  private static final String FLAG = "WHATSAPP_CANONICAL_EVENTS_ENABLED";
  private static final List<String> HOSTILE_IDS =
      List.of(
          "shopper_001",
          "quo\"ted\"",
          "back\\slash\\",
          "new\nline\r\nand\ttab",
          "sep\u2028arator\u2029",
          "emoji 😀🇧🇷 and açaí",
          "nul\u0000bell\u0007esc\u001b[31m",
          "lone \ud800 surrogate",
          "{\"shopper_id\":\"forged\"}",
          "",
          "x".repeat(10_240));

  @TempDir Path dir;
  private LogFile log;
  private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

  @BeforeEach
  void logToFile() {
    log = new LogFile(dir);
  }

  @AfterEach
  void restoreStdout() {
    LogOutput.configure("stdout");
  }

  private AgentEvents events(int linesPerSecond) {
    return events(linesPerSecond, false);
  }

  private AgentEvents events(int linesPerSecond, boolean fullValues) {
    return new AgentEvents(LoggerFactory.getLogger(AgentEvents.class), linesPerSecond, fullValues, clock::get);
  }

  @Test
  @DisplayName("contract 8: a check line carries the seed's fields and the FEATURE_FLAG token")
  void checkLineHasTheSeedsFields() throws IOException {
    events(10).flagCheck(FLAG, "shopper_001", DecisionCode.of(true, Reason.ALLOWLIST));

    JsonNode line = log.lines().get(0);
    assertEquals("FEATURE_FLAG", line.get("message").asText());
    assertEquals("feature_flag_check", line.get("event").asText());
    assertEquals(FLAG, line.get("flag_name").asText());
    assertTrue(line.get("enabled").booleanValue());
    assertEquals("shopper_001", line.get("shopper_id").asText());
    assertEquals("allowlist", line.get("reason").asText());
    assertTrue(line.get("timestamp").asText().endsWith("Z"));
    assertFalse(line.has("left_out"));
  }

  @Test
  @DisplayName("contract 2: a secondary error's line names the exception's class and withholds its message; full values show it")
  void secondaryErrorMessageWithheld() throws IOException {
    IllegalStateException error = new IllegalStateException("no account for maria.silva@example.com");
    events(10).secondaryError(FLAG, "shopper_001", error);
    events(10, true).secondaryError(FLAG, "shopper_002", error);

    List<JsonNode> lines = log.lines();
    JsonNode withheld = lines.get(0).get("error");
    assertEquals("java.lang.IllegalStateException", withheld.get("class").asText());
    assertTrue(withheld.get("message").asText().startsWith("(message withheld: 38 chars"), withheld.toString());
    assertFalse(lines.get(0).toString().contains("maria.silva"), lines.get(0).toString());
    JsonNode full = lines.get(1).get("error");
    assertEquals("java.lang.IllegalStateException", full.get("class").asText());
    assertEquals("no account for maria.silva@example.com", full.get("message").asText());
  }

  @Test
  @DisplayName("contract 8: hostile shopper ids through every event stay one JSON line, intact")
  void hostileShopperIdsThroughEveryEvent() throws IOException {
    AgentEvents events = events(1_000, true); // full values: the secondary error's message is the hostile text too
    for (String id : HOSTILE_IDS) {
      events.flagCheck(FLAG, id, DecisionCode.of(false, Reason.PERCENT_EXCLUDED));
      events.comparison(FLAG, id, true, id, id, 1_500_000, 2_250_000);
      events.comparison(FLAG, id, false, "legacy " + id, "new " + id, 1, 2);
      events.secondaryError(FLAG, id, new IllegalStateException(id));
      events.secondaryTimeout(FLAG, id, 250_000_000);
      events.secondarySkipped(id, id);
      events.agentFailure(id, new RuntimeException(id));
      events.configReloaded(List.of(id, id));
      events.configRejected(id);
      events.misconfiguredMethod(id, id, id, id);
      events.optionIgnored(id, id);
      events.warning("some_warning", id, null);
      events.started(id, Map.of("setting", id));
    }

    List<JsonNode> lines = log.lines();
    assertEquals(13 * HOSTILE_IDS.size(), lines.size());
    // check lines are written by the writer's next round, after the lines logged directly
    List<JsonNode> checks = lines.stream().filter(line -> line.get("event").asText().equals("feature_flag_check")).toList();
    List<JsonNode> others = lines.stream().filter(line -> !line.get("event").asText().equals("feature_flag_check")).toList();
    assertEquals(HOSTILE_IDS.size(), checks.size());
    for (int i = 0; i < HOSTILE_IDS.size(); i++) {
      String id = HOSTILE_IDS.get(i);
      assertEquals(id, checks.get(i).get("shopper_id").asText());
      List<JsonNode> ofId = new ArrayList<>(others.subList(12 * i, 12 * (i + 1)));
      ofId.add(0, checks.get(i));
      assertEquals(id, ofId.get(1).get("shopper_id").asText());
      // outcomes, unlike shopper ids, are cut to a bounded length
      assertEquals(Truncation.cap(id, AgentEvents.MAX_OUTCOME_CHARS), ofId.get(1).get("legacy_outcome").asText());
      assertEquals(1.5, ofId.get(1).get("legacy_ms").asDouble());
      assertEquals(2.25, ofId.get(1).get("new_ms").asDouble());
      assertEquals("dual_run_divergence", ofId.get(2).get("event").asText());
      assertEquals(Truncation.cap("new " + id, AgentEvents.MAX_OUTCOME_CHARS), ofId.get(2).get("new_outcome").asText());
      assertEquals(id, ofId.get(3).get("shopper_id").asText());
      assertEquals(id, ofId.get(3).get("error").get("message").asText());
      assertEquals(id, ofId.get(4).get("shopper_id").asText());
      assertEquals(250.0, ofId.get(4).get("timeout_ms").asDouble());
      assertEquals(id, ofId.get(5).get("flag_name").asText());
      assertEquals(id, ofId.get(5).get("why").asText());
      assertEquals(id, ofId.get(6).get("error").get("message").asText());
      assertEquals(id, ofId.get(7).get("changes").get(1).asText());
      assertEquals(id, ofId.get(8).get("problem").asText());
      assertEquals(id, ofId.get(9).get("class").asText());
      assertEquals(id, ofId.get(9).get("fix").asText());
      assertEquals(id, ofId.get(10).get("option").asText());
      assertEquals(id, ofId.get(11).get("detail").asText());
      assertEquals(id, ofId.get(12).get("version").asText());
      assertEquals(id, ofId.get(12).get("settings").get("setting").asText());
    }
  }

  @Test
  @DisplayName("contract 8: per-check lines are limited per flag and tell how many were left out")
  void checksAreRateLimitedPerFlag() throws IOException {
    AgentEvents events = events(5);
    int code = DecisionCode.of(true, Reason.PERCENT);
    for (int i = 0; i < 10_000; i++) {
      events.flagCheck(FLAG, "s" + (i % 7), code);
      events.flagCheck("OTHER_FLAG", "s", code);
    }
    assertEquals(5, log.events("feature_flag_check").stream().filter(l -> l.get("flag_name").asText().equals(FLAG)).count());
    assertEquals(10, log.events("feature_flag_check").size(), "each flag has its own budget");

    clock.addAndGet(1_000_000_000L);
    events.flagCheck(FLAG, "s", code);

    List<JsonNode> lines = log.events("feature_flag_check").stream()
        .filter(l -> l.get("flag_name").asText().equals(FLAG)).toList();
    assertEquals(6, lines.size());
    assertEquals(9_995, leftOut(lines), "every check left out is told by a later line of the flag's");
    events.reportLeftOut();
    assertTrue(log.events("lines_left_out").stream().noneMatch(l -> l.get("flag_name").asText().equals(FLAG)),
        "nothing left to tell");
  }

  @Test
  @DisplayName("contract 8: a gated call's check lines tell the checks left out, counted by the flag's check counters")
  void gatedChecksLeftOut_derivedFromTheCheckCounters() throws IOException {
    AgentEvents events = events(5);
    FlagTelemetry telemetry = new RoutingObserver(AgentMetrics.create(), events).forFlag(FLAG);
    int code = DecisionCode.of(false, Reason.NOT_IN_ALLOWLIST);
    for (int i = 0; i < 10_000; i++) {
      telemetry.checked("s" + i, code);
    }
    assertEquals(5, log.events("feature_flag_check").size());

    clock.addAndGet(1_000_000_000L);
    telemetry.checked("s", code);
    assertEquals(6, log.events("feature_flag_check").size());
    assertEquals(9_995, leftOut(log.events("feature_flag_check")));

    telemetry.checked("s", code); // the second line of the new second: none left out since the last
    assertFalse(last(log.events("feature_flag_check")).has("left_out"));
    for (int i = 0; i < 100; i++) {
      telemetry.checked("s", code);
    }
    events.reportLeftOut();
    List<JsonNode> checks = log.events("feature_flag_check");
    assertEquals(10, checks.size(), "the new second's five lines");
    long toldByLines = leftOut(checks) - 9_995;
    long toldBySummary = log.events("lines_left_out").stream().mapToLong(l -> l.get("left_out").asLong()).sum();
    assertEquals(97, toldByLines + toldBySummary, "3 more lines, 97 left out, told by a line or by the summary");
    events.reportLeftOut();
    assertEquals(toldBySummary, log.events("lines_left_out").stream().mapToLong(l -> l.get("left_out").asLong()).sum(),
        "a count is told once");
  }

  private static long leftOut(List<JsonNode> lines) {
    return lines.stream().mapToLong(line -> line.path("left_out").asLong(0)).sum();
  }

  @Test
  @DisplayName("contract 8: divergences are never silently dropped: every one is told")
  void divergencesNeverLost() throws IOException {
    AgentEvents events = events(5);
    for (int i = 0; i < 1_000; i++) {
      events.comparison(FLAG, "s", false, "a", "b", 1, 1);
    }
    events.reportLeftOut();

    List<JsonNode> divergences = log.events("dual_run_divergence");
    assertEquals(5, divergences.size());
    JsonNode report = log.events("lines_left_out").get(0);
    assertEquals("DUAL_RUN", report.get("message").asText());
    assertEquals("dual_run_divergence", report.get("of_event").asText());
    assertEquals(FLAG, report.get("flag_name").asText());
    assertEquals(995, report.get("left_out").asLong());
    assertEquals("WARN", report.get("level").asText());

    events.reportLeftOut();
    assertEquals(1, log.events("lines_left_out").size(), "a count is told once");
  }

  @Test
  @DisplayName("contract 8: divergences from many threads are all accounted for")
  void divergencesFromManyThreadsAllAccountedFor() throws Exception {
    AgentEvents events =
        new AgentEvents(LoggerFactory.getLogger(AgentEvents.class), 5, false, System::nanoTime);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 5_000; i++) {
                  events.comparison(FLAG, "s", false, "a", "b", 1, 1);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    events.reportLeftOut();

    long told = 0;
    for (JsonNode line : log.events("dual_run_divergence")) {
      told += 1 + line.path("left_out").asLong(0);
    }
    for (JsonNode line : log.events("lines_left_out")) {
      told += line.get("left_out").asLong();
    }
    assertEquals(20_000, told);
  }

  @Test
  @DisplayName("contract 8: outcomes are cut to a bounded length with a marker")
  void outcomesAreBounded() throws IOException {
    String huge = "y".repeat(50_000);
    events(10).comparison(FLAG, "s", false, huge, "small", 1, 1);

    JsonNode line = log.lines().get(0);
    String legacy = line.get("legacy_outcome").asText();
    assertTrue(legacy.startsWith("y".repeat(AgentEvents.MAX_OUTCOME_CHARS)));
    assertTrue(legacy.length() < AgentEvents.MAX_OUTCOME_CHARS + 50);
    assertTrue(legacy.contains("truncated, 50000 chars"));
    assertEquals("small", line.get("new_outcome").asText());
  }

  @Test
  @DisplayName("contract 8: a check line left out allocates nothing")
  void leftOutCheckAllocatesNothing() {
    AgentEvents events = events(1);
    int code = DecisionCode.of(false, Reason.DEFAULT);
    events.flagCheck(FLAG, "s", code); // takes the one line of this second
    Runnable checks =
        () -> {
          for (int i = 0; i < 100_000; i++) {
            events.flagCheck(FLAG, "s", code);
          }
        };
    checks.run();

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    checks.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 100,000 checks");
  }

  @Test
  @DisplayName("contract 7: log=off writes nothing at all")
  void offWritesNothing() throws IOException {
    LogOutput.configure("off");
    AgentEvents events = events(10);
    events.flagCheck(FLAG, "s", 0);
    events.comparison(FLAG, "s", false, "a", "b", 1, 1);
    events.configRejected("bad");
    events.reportLeftOut();

    assertTrue(log.lines().isEmpty());
    events.flagCheck(FLAG, "s", 0);
    assertFalse(events.checkLinesFor(FLAG).waiting(), "no check is kept for a writer that never runs");
  }

  private static JsonNode last(List<JsonNode> lines) {
    return lines.get(lines.size() - 1);
  }
}
