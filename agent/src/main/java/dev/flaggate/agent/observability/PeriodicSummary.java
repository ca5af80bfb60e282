package dev.flaggate.agent.observability;

import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.metrics.FlagTotals;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every period (60 s by default), one compact {@code summary} line of what each flag counted in
 * that period (checks on and off, divergences, secondary errors, skips and timeouts), preceded by
 * the counts of per-call lines the rate limits left out. For operators who read the log, not the
 * Prometheus endpoint. Runs on one daemon thread, so it never keeps the JVM alive.
 */
public final class PeriodicSummary implements AutoCloseable {

  /** The period used when the agent options name none. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);

  private final AgentMetrics metrics;
  private final AgentEvents events;
  private final long periodSeconds;
  private final ScheduledExecutorService timer;
  // touched only by the one timer thread (or a test calling logNow), so a plain field
  private SortedMap<String, FlagTotals> previous = new TreeMap<>();

  PeriodicSummary(
      AgentMetrics metrics, AgentEvents events, Duration period, ScheduledExecutorService timer) {
    this.metrics = metrics;
    this.events = events;
    this.periodSeconds = period.toSeconds();
    this.timer = timer;
  }

  /** Logs a summary every {@code period} (at least one second) until closed. */
  public static PeriodicSummary start(AgentMetrics metrics, AgentEvents events, Duration period) {
    Duration every = period.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : period;
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "flaggate-summary");
              thread.setDaemon(true);
              return thread;
            });
    PeriodicSummary summary = new PeriodicSummary(metrics, events, every, timer);
    long millis = every.toMillis();
    timer.scheduleAtFixedRate(summary::logNowSafely, millis, millis, TimeUnit.MILLISECONDS);
    return summary;
  }

  /** Stops the summaries. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  void logNow() {
    events.reportLeftOut();
    SortedMap<String, FlagTotals> now = metrics.totals();
    Map<String, Map<String, Long>> flags = new LinkedHashMap<>();
    for (Map.Entry<String, FlagTotals> flag : now.entrySet()) {
      FlagTotals period = flag.getValue().minus(previous.getOrDefault(flag.getKey(), FlagTotals.ZERO));
      if (!period.isZero()) {
        flags.put(flag.getKey(), period.asFields());
      }
    }
    previous = now;
    events.summary(periodSeconds, flags);
  }

  private void logNowSafely() {
    try {
      logNow();
    } catch (RuntimeException e) {
      // an exception would cancel every later summary: report it and keep the schedule
      events.warning("summary_failed", "a periodic summary could not be written", e);
    }
  }
}
