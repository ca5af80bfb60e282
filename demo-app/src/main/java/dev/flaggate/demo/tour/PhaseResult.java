package dev.flaggate.demo.tour;

import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.pipeline.RunLedger;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything observed during one phase: the demo's ledger and counters, the caller's latencies, the
 * agent's metrics before and after, and the log lines written meanwhile.
 */
final class PhaseResult {

  private static final Pattern FLAG_NAME = Pattern.compile("\"flag_name\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern ENABLED = Pattern.compile("\"enabled\"\\s*:\\s*(true|false)");
  private static final List<String> SEED_FIELDS =
      List.of("\"event\"", "\"flag_name\"", "\"enabled\"", "\"shopper_id\"", "\"reason\"", "\"timestamp\"");

  final Phase phase;
  final List<String> shoppers;
  final int messages;
  final long callerErrors;
  final double callerP95Ms;
  final double baselineP95Ms;
  final boolean applied;
  final long applyMillis;
  final RunLedger.Window window;
  final Map<String, Long> demoDelta;
  final PrometheusText agentBefore;
  final PrometheusText agentAfter;
  final String agentUnavailable;
  final List<String> agentLog;
  final List<String> eventLog;
  final Map<String, Set<String>> earlier;

  PhaseResult(Phase phase, List<String> shoppers, int messages, long callerErrors, double callerP95Ms,
      double baselineP95Ms, boolean applied, long applyMillis, RunLedger.Window window, Map<String, Long> demoDelta,
      PrometheusText agentBefore, PrometheusText agentAfter, String agentUnavailable, List<String> agentLog,
      List<String> eventLog, Map<String, Set<String>> earlier) {
    this.phase = phase;
    this.shoppers = shoppers;
    this.messages = messages;
    this.callerErrors = callerErrors;
    this.callerP95Ms = callerP95Ms;
    this.baselineP95Ms = baselineP95Ms;
    this.applied = applied;
    this.applyMillis = applyMillis;
    this.window = window;
    this.demoDelta = demoDelta;
    this.agentBefore = agentBefore;
    this.agentAfter = agentAfter;
    this.agentUnavailable = agentUnavailable;
    this.agentLog = agentLog;
    this.eventLog = eventLog;
    this.earlier = earlier;
  }

  RunLedger.Runs runs(Feature feature) {
    return window.of(feature);
  }

  RunLedger.Runs focus() {
    return runs(phase.focus());
  }

  long demo(String counter) {
    return demoDelta.getOrDefault(counter, 0L);
  }

  boolean agentMetrics() {
    return agentAfter != null;
  }

  /**
   * Growth of an agent counter during the phase. A series the agent has not created yet counts as
   * zero, provided the endpoint answered.
   */
  OptionalDouble agentDelta(String name, String... filter) {
    if (agentAfter == null) {
      return OptionalDouble.empty();
    }
    double before = agentBefore == null ? 0 : agentBefore.sum(name, filter);
    return OptionalDouble.of(agentAfter.sum(name, filter) - before);
  }

  /** p95 in ms of the agent's latency histogram for the focus flag and a path, over all roles. */
  double p95Ms(String path) {
    if (agentAfter == null) {
      return Double.NaN;
    }
    return PrometheusText.p95Between(agentBefore, agentAfter, "latency_ms", "flag", phase.focus().flag(), "path", path);
  }

  /** Lines carrying the grep token {@code FEATURE_FLAG} for {@code flag}. */
  List<String> featureFlagLines(String flag) {
    return agentLog.stream().filter(line -> hasToken(line, "FEATURE_FLAG") && flag.equals(flagOf(line))).toList();
  }

  /** Lines carrying the grep token {@code DUAL_RUN} for {@code flag}. */
  long dualRunLines(String flag) {
    return agentLog.stream().filter(line -> hasToken(line, "DUAL_RUN") && flag.equals(flagOf(line))).count();
  }

  /** The token as a JSON string value of its own: {@code "DUAL_RUN"}, not {@code "WHATSAPP_DUAL_RUN"}. */
  static boolean hasToken(String line, String token) {
    return line.contains("\"" + token + "\"");
  }

  static boolean hasSeedFields(String line) {
    return SEED_FIELDS.stream().allMatch(line::contains);
  }

  static Boolean enabledOf(String line) {
    Matcher m = ENABLED.matcher(line);
    return m.find() ? Boolean.valueOf(m.group(1)) : null;
  }

  List<String> canonicalLines() {
    return eventLog.stream().filter(line -> hasToken(line, "CANONICAL_EVENT")).toList();
  }

  private static String flagOf(String line) {
    Matcher m = FLAG_NAME.matcher(line);
    return m.find() ? m.group(1) : null;
  }
}
