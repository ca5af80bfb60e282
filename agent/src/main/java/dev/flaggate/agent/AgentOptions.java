package dev.flaggate.agent;

import dev.flaggate.agent.config.watch.WatchOptions;
import dev.flaggate.agent.routing.RoutingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's options, from {@code -javaagent:flaggate-agent.jar=key=value,...} (contract section 7).
 *
 * <p>An unknown or malformed option is reported and ignored: options never stop the application.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><td>{@code config=PATH}</td><td>the flag file; else {@code -Dflaggate.config}, else {@code FLAGGATE_CONFIG}; none: environment only</td></tr>
 *   <tr><td>{@code metrics-port=N}</td><td>serve Prometheus text at {@code http://127.0.0.1:N/metrics}</td></tr>
 *   <tr><td>{@code log=stdout|stderr|off|PATH}</td><td>where the agent's JSON lines go (default stdout)</td></tr>
 *   <tr><td>{@code secondary-threads=N}</td><td>secondary pool threads (default 2)</td></tr>
 *   <tr><td>{@code secondary-queue=N}</td><td>secondaries that may wait; beyond, skipped (default 64)</td></tr>
 *   <tr><td>{@code secondary-timeout-ms=N}</td><td>interrupt a secondary after N ms (default 5000)</td></tr>
 *   <tr><td>{@code secondary-sync=true}</td><td>run secondaries on the caller's thread after the primary (no
 *       timeout applies: a slow secondary delays the caller)</td></tr>
 *   <tr><td>{@code poll-ms=N}</td><td>config poll interval (default 1000)</td></tr>
 *   <tr><td>{@code watch=false}</td><td>poll only, no WatchService</td></tr>
 *   <tr><td>{@code max-config-bytes=N}</td><td>largest config file read (default 64 MiB)</td></tr>
 *   <tr><td>{@code log-full-values=true}</td><td>divergence lines show outcomes in full (bounded), not described;
 *       secondary error lines show exception messages, not only their length</td></tr>
 *   <tr><td>{@code latency-sample=N}</td><td>time one call in N per method at random, a power of two (default 16), at most one per method per 5 ms; 1 times every call</td></tr>
 *   <tr><td>{@code check-logs-per-second=N}</td><td>per-flag rate of each kind of per-call line ({@code FEATURE_FLAG}
 *       checks; {@code DUAL_RUN} comparisons, divergences, secondary errors, timeouts and skips; {@code agent_failure}),
 *       the rest counted (default 10)</td></tr>
 *   <tr><td>{@code summary-seconds=N}</td><td>period of the summary line, 0 = never (default 60)</td></tr>
 * </table>
 */
public record AgentOptions(
    Path configPath,
    Integer metricsPort,
    String log,
    RoutingOptions routing,
    Duration pollInterval,
    boolean watchService,
    long maxConfigBytes,
    int checkLogsPerSecond,
    Duration summaryPeriod,
    List<String> problems) {

  /**
   * Parses the agent argument string.
   *
   * @param arguments the text after {@code =} in {@code -javaagent:...=}, possibly {@code null}
   * @param systemProperties where {@code flaggate.config} may be set
   * @param environment where {@code FLAGGATE_CONFIG} may be set
   */
  public static AgentOptions parse(String arguments, Map<String, String> systemProperties, Map<String, String> environment) {
    Builder builder = new Builder();
    if (arguments != null && !arguments.isBlank()) {
      for (String item : arguments.split(",")) {
        builder.accept(item.trim());
      }
    }
    if (builder.config == null) {
      String fromProperty = systemProperties.get("flaggate.config");
      String fromEnvironment = environment.get("FLAGGATE_CONFIG");
      builder.config = fromProperty != null && !fromProperty.isBlank() ? fromProperty
          : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : null;
    }
    return builder.build();
  }

  /** Collects options one {@code key=value} at a time, keeping the default and a problem for bad ones. */
  private static final class Builder {
    String config;
    Integer metricsPort;
    String log = "stdout";
    int threads = RoutingOptions.DEFAULTS.secondaryThreads();
    int queue = RoutingOptions.DEFAULTS.secondaryQueue();
    long timeoutMs = RoutingOptions.DEFAULTS.secondaryTimeout().toMillis();
    boolean sync;
    long pollMs = 1000;
    boolean watch = true;
    long maxConfigBytes = 64L * 1024 * 1024;
    boolean fullValues;
    int sampleEvery = RoutingOptions.DEFAULTS.latencySampleEvery();
    int checkLogs = 10;
    long summarySeconds = 60;
    final List<String> problems = new ArrayList<>();

    void accept(String item) {
      if (item.isEmpty()) {
        return;
      }
      int equals = item.indexOf('=');
      if (equals <= 0) {
        problems.add("option '" + item + "' is not key=value; ignored");
        return;
      }
      String key = item.substring(0, equals).trim();
      String value = item.substring(equals + 1).trim();
      try {
        switch (key) {
          case "config" -> {
            config = value.isEmpty() ? null : value;
            if (value.isEmpty()) {
              problems.add("option config= names no file; ignored (the flag file then comes from -Dflaggate.config or"
                  + " FLAGGATE_CONFIG, else flags come from environment variables only)");
            }
          }
          case "metrics-port" -> metricsPort = (int) number(value, 0, 65_535);
          case "log" -> log = value.isEmpty() ? "stdout" : value;
          case "secondary-threads" -> threads = (int) number(value, 1, 1_024);
          case "secondary-queue" -> queue = (int) number(value, 0, 1_000_000);
          case "secondary-timeout-ms" -> timeoutMs = number(value, 1, 3_600_000);
          case "secondary-sync" -> sync = bool(value);
          case "poll-ms" -> pollMs = number(value, 10, 3_600_000);
          case "watch" -> watch = bool(value);
          case "max-config-bytes" -> maxConfigBytes = number(value, 1, WatchOptions.MAX_READABLE_SIZE);
          case "log-full-values" -> fullValues = bool(value);
          case "latency-sample" -> sampleEvery = powerOfTwo(value);
          case "check-logs-per-second" -> checkLogs = (int) number(value, 0, 1_000_000);
          case "summary-seconds" -> summarySeconds = number(value, 0, 86_400);
          default -> problems.add("unknown option '" + key + "'; ignored (known: config, metrics-port, log, "
              + "secondary-threads, secondary-queue, secondary-timeout-ms, secondary-sync, poll-ms, watch, "
              + "max-config-bytes, log-full-values, latency-sample, check-logs-per-second, summary-seconds)");
        }
      } catch (IllegalArgumentException bad) {
        problems.add("option " + key + "=" + value + ": " + bad.getMessage() + "; the default is kept");
      }
    }

    AgentOptions build() {
      RoutingOptions routing = new RoutingOptions(threads, queue, Duration.ofMillis(timeoutMs), sync, sampleEvery, fullValues);
      return new AgentOptions(config == null ? null : Path.of(config), metricsPort, log, routing,
          Duration.ofMillis(pollMs), watch, maxConfigBytes, checkLogs, Duration.ofSeconds(summarySeconds),
          List.copyOf(problems));
    }

    private static long number(String value, long min, long max) {
      long parsed;
      try {
        parsed = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a whole number");
      }
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("out of range " + min + ".." + max);
      }
      return parsed;
    }

    private static boolean bool(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new IllegalArgumentException("not a boolean (true/false)");
      };
    }

    private static int powerOfTwo(String value) {
      int parsed = (int) number(value, 1, 1 << 20);
      if (Integer.bitCount(parsed) != 1) {
        throw new IllegalArgumentException("not a power of two");
      }
      return parsed;
    }
  }
}
