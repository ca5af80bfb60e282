package dev.flaggate.demo.tour;

import dev.flaggate.Decision;
import dev.flaggate.FlagGate;
import dev.flaggate.demo.Args;
import dev.flaggate.demo.PhaseFiles;
import dev.flaggate.demo.pipeline.Divergence;
import dev.flaggate.demo.pipeline.EventLog;
import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.pipeline.PipelineMetrics;
import dev.flaggate.demo.pipeline.RunLedger;
import dev.flaggate.demo.pipeline.WhatsAppService;
import dev.flaggate.demo.traffic.MessageStream;
import dev.flaggate.demo.traffic.Shopper;
import dev.flaggate.demo.traffic.Shoppers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The tour: the WhatsApp service under a steady stream of messages while the flag file the agent
 * watches is rewritten phase after phase, from dev to cutover and beyond, with one rollback. After
 * each phase one table row and the guide's checks, computed from what happened. Exit 0 only if every
 * check of every phase passed.
 *
 * <p>Runs in the JVM the agent is attached to; {@link dev.flaggate.demo.Main} starts that JVM.
 */
public final class Tour {

  private final PrintStream out;
  private final Path flagFile;
  private final PhaseFiles files;
  private final Integer metricsPort;
  private final LogFile agentLog;
  private final LogFile eventLogFile;
  private final int shopperCount;
  private final int rounds;
  private final int rate;
  private final long applyTimeoutMillis;
  private final boolean console = System.console() != null;

  private Tour(Args args, PrintStream out) {
    this.out = out;
    this.flagFile = Path.of(require(args, "flag-file"));
    this.files = new PhaseFiles(args.get("config-dir") == null ? null : Path.of(args.get("config-dir")));
    this.metricsPort = args.has("metrics-port") ? args.getInt("metrics-port", 0) : null;
    this.agentLog = new LogFile(args.get("agent-log") == null ? null : Path.of(args.get("agent-log")));
    this.eventLogFile = new LogFile(Path.of(require(args, "event-log")));
    this.shopperCount = args.getInt("shoppers", 3000);
    this.rounds = args.getInt("rounds", 2);
    this.rate = args.getInt("rate", 6000);
    this.applyTimeoutMillis = args.getInt("apply-timeout-ms", 2000);
  }

  /**
   * Runs the tour.
   *
   * @param args {@code --flag-file} (the file the agent watches), {@code --event-log}, and optionally
   *     {@code --config-dir}, {@code --metrics-port}, {@code --agent-log}, {@code --shoppers},
   *     {@code --rounds}, {@code --rate}
   * @param out where the table goes
   * @return the exit code: 0 when every phase behaved as the guide says, 1 otherwise, 2 without the agent
   */
  public static int run(Args args, PrintStream out) {
    if (!FlagGate.agentAttached()) {
      System.err.println("flaggate demo: the Flaggate agent is not attached to this JVM, so every @FlagGated "
          + "method would run its NEW body for everyone. Refusing to start.\n"
          + "  Run the demo through its launcher:  java -jar demo-app/target/flaggate-demo.jar\n"
          + "  or attach the agent yourself:       java -javaagent:agent/target/flaggate-agent.jar=config=FILE ...");
      return 2;
    }
    return new Tour(args, out).run();
  }

  private int run() {
    List<Shopper> population = Shoppers.population(shopperCount);
    List<String> shoppers = population.stream().map(Shopper::id).toList();
    List<Phase> phases = Phases.tour(shoppers);
    int perPhase = shopperCount * rounds;
    Table table = new Table(out);
    out.println("Flaggate tour: the WhatsApp migration, phase by phase (WHATSAPP_PROVIDER=simulated: nothing is sent)");
    out.printf("  %d shoppers (shopper_test_001, shopper_001..003, shopper_problematico among them), %d messages per "
        + "phase at up to %d/s%n", shopperCount, perPhase, rate);
    out.println("  flag file watched by the agent: " + flagFile + "  (phase files from " + files.origin() + ")");
    out.println("  agent metrics: " + (metricsPort == null ? "none (no metrics-port)" : "http://127.0.0.1:" + metricsPort
        + "/metrics") + "; agent log: " + agentLog.path() + "; event log: " + eventLogFile.path());
    wrap(Divergence.DEFINITION + " The deliberate divergence: about one store in four keeps customer numbers "
        + "as typed, and the new canonical events write E.164; non-critical by this definition.");
    wrap("Columns: share of shoppers whose new code answered (primary) or ran beside legacy (shadow); shadow runs = "
        + "executions on the secondary side; compared/diverged/crit. = dual-run comparisons, divergences (agent's "
        + "divergence_count_total) and critical ones; sec. err. = agent's secondary_errors_total; p95 = bucket bound "
        + "of the agent's latency_ms for the phase's flag. Under each row, the guide's checks, computed.");
    out.println();
    table.header();

    EventLog eventLog = EventLog.toFile(eventLogFile.path());
    WhatsAppService service = WhatsAppService.simulated(eventLog);
    MessageStream stream = new MessageStream(population);
    // warm-up, not measured: the dev row is the latency baseline, so the JIT must not inflate it
    progress("warming up: " + perPhase + " messages on the file the agent started with (dev.json)");
    drive(service, stream, new long[perPhase], "warm-up");
    settle(RunLedger.current());
    Map<String, Set<String>> earlier = new HashMap<>();
    List<String> failedPhases = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    double baselineP95 = Double.NaN;
    long totalMessages = 0;
    long totalDivergences = 0;
    long totalCritical = 0;
    long totalShadowEvents = 0;
    int index = 0;
    for (Phase phase : phases) {
      index++;
      String step = String.format("[%2d/%d] %s", index, phases.size(), phase.name());
      progress(step + ": installing config/" + phase.file());
      long applyStart = System.nanoTime();
      files.install(phase.file(), flagFile);
      boolean applied = awaitProbe(phase.probe());
      long applyMillis = (System.nanoTime() - applyStart) / 1_000_000;

      eventLog.flush();
      long agentLogStart = agentLog.end();
      long eventLogStart = eventLogFile.end();
      RunLedger.startWindow();
      Map<String, Long> demoBefore = service.metrics().snapshot();
      String[] unavailable = new String[1];
      PrometheusText agentBefore = scrape(unavailable);

      long[] latencies = new long[perPhase];
      long errors = drive(service, stream, latencies, step);
      RunLedger.Window window = RunLedger.current();
      settle(window);
      eventLog.flush();

      PrometheusText agentAfter = agentBefore == null ? null : scrape(unavailable);
      Map<String, Long> demoDelta = new LinkedHashMap<>();
      service.metrics().snapshot().forEach((name, value) -> demoDelta.put(name, value - demoBefore.get(name)));
      double callerP95 = p95Millis(latencies);
      if (Double.isNaN(baselineP95)) {
        baselineP95 = callerP95; // dev: legacy everywhere, the latency every later phase is held to
      }
      PhaseResult result = new PhaseResult(phase, shoppers, perPhase, errors, callerP95, baselineP95, applied,
          applyMillis, window, demoDelta, agentBefore, agentAfter, unavailable[0], agentLog.linesFrom(agentLogStart),
          eventLogFile.linesFrom(eventLogStart), earlier);
      earlier.put(phase.name(), Checks.observedOn(window.of(phase.focus())));

      List<Check.Outcome> outcomes = phase.checks().stream().map(check -> check.evaluate(result)).toList();
      int passed = (int) outcomes.stream().filter(Check.Outcome::pass).count();
      clearProgress();
      rows.add(table.row(result, passed, outcomes.size()));
      for (int i = 0; i < outcomes.size(); i++) {
        table.check(phase.checks().get(i), outcomes.get(i));
      }
      if (passed != outcomes.size()) {
        failedPhases.add(phase.name());
      }
      totalMessages += perPhase;
      for (Feature feature : Feature.values()) {
        totalDivergences += window.of(feature).divergences();
        totalCritical += window.of(feature).critical();
      }
      totalShadowEvents += result.canonicalLines().stream().filter(line -> line.contains("\"shadow\":true")).count();
    }
    eventLog.close();
    return summary(phases, failedPhases, table.headerText() + String.join("", rows), service.metrics(),
        totalMessages, totalDivergences, totalCritical, totalShadowEvents);
  }

  private int summary(List<Phase> phases, List<String> failedPhases, String table, PipelineMetrics metrics,
      long messages, long divergences, long critical, long shadowEvents) {
    out.println();
    out.println("== Summary " + "=".repeat(107));
    out.print(table);
    out.printf("phases as the guide says: %d/%d%s%n", phases.size() - failedPhases.size(), phases.size(),
        failedPhases.isEmpty() ? "" : "   failed: " + String.join(", ", failedPhases));
    out.printf("messages: %d in the phases (+%d warm-up) from %d shoppers; canonical events: %d generated in "
        + "shadow, %d published%n", messages, shopperCount * rounds, shopperCount, shadowEvents,
        metrics.get(PipelineMetrics.CANONICAL_PUBLISHED));
    out.printf("divergences seen by dual-run: %d non-critical (phone format), %d critical%n", divergences - critical,
        critical);
    out.println("rollback: canary -> FLAG=false -> canary again, without a restart (rows 'rollback', 'canary again')");
    out.println("demo metrics (Prometheus text, warm-up included):");
    for (String line : metrics.prometheusText().split("\n")) {
      if (!line.startsWith("#")) {
        out.println("  " + line);
      }
    }
    String[] unavailable = new String[1];
    PrometheusText agent = scrape(unavailable);
    if (agent != null) {
      out.printf("agent metrics: config_reloads_total %s; divergence_count_total %d, secondary_errors_total %d, "
          + "secondary_skipped_total %d, secondary_timeouts_total %d, flaggate_misconfigured_methods %d%n",
          agent.byLabel("config_reloads_total", "result"), (long) agent.sum("divergence_count_total"),
          (long) agent.sum("secondary_errors_total"), (long) agent.sum("secondary_skipped_total"),
          (long) agent.sum("secondary_timeouts_total"), (long) agent.sum("flaggate_misconfigured_methods"));
    } else {
      out.println("agent metrics: unavailable (" + unavailable[0] + ")");
    }
    out.println("logs: agent " + agentLog.path() + ", events " + eventLogFile.path());
    if (failedPhases.isEmpty()) {
      out.println("RESULT: every phase behaved as the rollout guide says.");
      return 0;
    }
    out.println("RESULT: " + failedPhases.size() + " phase(s) did not behave as the guide says (see FAIL above).");
    return 1;
  }

  /** Polls the agent until the phase's probe decision holds, at most the apply timeout. */
  private boolean awaitProbe(Phase.Probe probe) {
    long deadline = System.nanoTime() + applyTimeoutMillis * 1_000_000;
    do {
      Decision decision = FlagGate.evaluate(probe.flag(), probe.shopper());
      if (decision.enabled() == probe.enabled() && (probe.reason() == null || probe.reason().equals(decision.reason()))) {
        return true;
      }
      LockSupport.parkNanos(2_000_000);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** Sends the phase's messages at a steady rate; returns how many calls failed. */
  private long drive(WhatsAppService service, MessageStream stream, long[] latencies, String step) {
    long errors = 0;
    long start = System.nanoTime();
    double nanosPerMessage = 1e9 / rate;
    for (int i = 0; i < latencies.length; i++) {
      long wait = start + (long) (i * nanosPerMessage) - System.nanoTime();
      if (wait > 200_000) {
        LockSupport.parkNanos(wait);
      }
      long t0 = System.nanoTime();
      try {
        service.receive(stream.next());
      } catch (RuntimeException failure) {
        errors++;
      }
      latencies[i] = System.nanoTime() - t0;
      if (console && i % 1000 == 0) {
        progress(String.format("%s: %d/%d messages", step, i, latencies.length));
      }
    }
    return errors;
  }

  /** Waits until secondaries still running after the last message have finished (nothing changes for 150 ms). */
  private static void settle(RunLedger.Window window) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    long last = window.activity();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      LockSupport.parkNanos(25_000_000);
      long now = System.nanoTime();
      long activity = window.activity();
      if (activity != last) {
        last = activity;
        stableSince = now;
      } else if (now - stableSince >= 150_000_000) {
        return;
      }
    }
  }

  private PrometheusText scrape(String[] unavailable) {
    if (metricsPort == null) {
      unavailable[0] = "no metrics-port given to the agent";
      return null;
    }
    try {
      PrometheusText text = PrometheusText.fetch(metricsPort);
      if (!text.has("feature_flag_checks_total") && !text.has("latency_ms_count")) {
        unavailable[0] = "the endpoint serves none of the contract's metrics";
        return null;
      }
      return text;
    } catch (Exception e) {
      unavailable[0] = "http://127.0.0.1:" + metricsPort + "/metrics: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage());
      return null;
    }
  }

  private static double p95Millis(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(0.95 * sorted.length) - 1;
    return sorted.length == 0 ? 0 : sorted[Math.max(0, index)] / 1e6;
  }

  private void wrap(String text) {
    StringBuilder line = new StringBuilder(" ");
    for (String word : text.split(" ")) {
      if (line.length() + word.length() > 116) {
        out.println(line);
        line = new StringBuilder(" ");
      }
      line.append(' ').append(word);
    }
    out.println(line);
  }

  private void progress(String text) {
    if (console) {
      out.print("\r" + text + " ".repeat(Math.max(0, 70 - text.length())));
      out.flush();
    } else {
      out.println(text);
    }
  }

  private void clearProgress() {
    if (console) {
      out.print("\r" + " ".repeat(80) + "\r");
    }
  }

  private static String require(Args args, String key) {
    String value = args.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
