package dev.flaggate.agent.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flaggate.agent.observability.logging.LogOutput;
import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.metrics.FlagMetrics;
import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("contract 8: the periodic summary line")
class PeriodicSummaryTest {

  @TempDir Path dir;
  private LogFile log;
  private final AgentMetrics metrics = AgentMetrics.create();
  private final AgentEvents events = AgentEvents.create(1, false);

  @BeforeEach
  void logToFile() {
    log = new LogFile(dir);
  }

  @AfterEach
  void restoreStdout() {
    LogOutput.configure("stdout");
  }

  @Test
  @DisplayName("contract 8: per flag, what was counted in the period, after the left-out counts")
  void summaryTellsThePeriod() throws IOException {
    PeriodicSummary summary = new PeriodicSummary(metrics, events, Duration.ofSeconds(60), null);
    FlagMetrics flag = metrics.flag("F");
    metrics.flag("QUIET");
    for (int i = 0; i < 7; i++) {
      flag.check(DecisionCode.of(true, Reason.ALLOWLIST));
      events.flagCheck("F", "s", DecisionCode.of(true, Reason.ALLOWLIST));
    }
    flag.check(DecisionCode.of(false, Reason.DENYLIST));
    flag.divergence();
    flag.secondaryTimeout();

    summary.logNow();

    List<JsonNode> lines = log.lines();
    // before the summary, the one check line and the six left out, told by it or by lines_left_out
    long checkLines = lines.stream().filter(line -> line.get("event").asText().equals("feature_flag_check")).count();
    long told = lines.subList(0, lines.size() - 1).stream()
        .filter(line -> line.get("event").asText().equals("feature_flag_check")
            || line.path("of_event").asText().equals("feature_flag_check"))
        .mapToLong(line -> line.path("left_out").asLong(0)).sum();
    assertEquals(1, checkLines);
    assertEquals(6, told);
    JsonNode first = lines.get(lines.size() - 1);
    assertEquals("FLAGGATE", first.get("message").asText());
    assertEquals("summary", first.get("event").asText());
    assertEquals(60, first.get("period_s").asLong());
    JsonNode f = first.get("flags").get("F");
    assertEquals(7, f.get("checks_on").asLong());
    assertEquals(1, f.get("checks_off").asLong());
    assertEquals(1, f.get("divergences").asLong());
    assertEquals(1, f.get("secondary_timeouts").asLong());
    assertEquals(0, f.get("secondary_errors").asLong());
    assertFalse(first.get("flags").has("QUIET"), "a flag with nothing to tell is left out");

    flag.check(DecisionCode.of(false, Reason.DENYLIST));
    summary.logNow();

    JsonNode second = last(log.events("summary"));
    assertEquals(0, second.get("flags").get("F").get("checks_on").asLong(), "only the new period");
    assertEquals(1, second.get("flags").get("F").get("checks_off").asLong());
  }

  @Test
  @DisplayName("contract 8: the summary runs on a daemon thread until closed")
  void runsOnDaemonThread() {
    try (PeriodicSummary summary = PeriodicSummary.start(metrics, events, Duration.ofMinutes(5))) {
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().equals("flaggate-summary"))
              .allMatch(Thread::isDaemon));
    }
  }

  private static JsonNode last(List<JsonNode> lines) {
    return lines.get(lines.size() - 1);
  }
}
