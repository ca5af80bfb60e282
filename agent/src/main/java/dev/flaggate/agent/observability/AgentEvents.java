package dev.flaggate.agent.observability;

import dev.flaggate.agent.observability.logging.AgentLoggers;
import dev.flaggate.agent.observability.logging.LogOutput;
import dev.flaggate.agent.observability.logging.Truncation;
import dev.flaggate.agent.observability.logging.WaitingLines;
import dev.flaggate.agent.observability.logging.WithheldMessages;
import dev.flaggate.agent.rollout.DecisionCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The agent's structured log events (contract section 8): one JSON line each, with the seed's
 * fields ({@code event}, {@code flag_name}, {@code enabled}, {@code shopper_id}, {@code reason},
 * {@code timestamp}) and a grep token as the message: {@code FEATURE_FLAG} for checks, {@code
 * DUAL_RUN} for comparisons, divergences and everything about secondary executions, {@code
 * FLAGGATE} for the agent itself (start, config, misconfigured methods, summaries).
 *
 * <p><b>Volume.</b> Per-flag lines that come with calls (checks, comparisons, divergences, secondary
 * errors, timeouts and skips, agent failures) are limited per flag and per kind to N lines a second
 * ({@link CheckLines} for checks, {@link LineBudget} for the others): at a million checks a second
 * the log stays readable and a check left out costs a clock read and a compare, no lock and no
 * allocation. A check line is taken on the gated call's thread with a few stores and written by
 * the log writer's next round ({@link #logWaiting}). Nothing is silently dropped: a later line of
 * the same kind and flag carries {@code left_out}, the number of such lines left out before it
 * (for checks, the last line of a writer's round carries the count), and {@link #reportLeftOut()},
 * called periodically, writes a {@code lines_left_out} line for counts no later line has told.
 * Rare events (config, start-up, misconfigured methods) are never limited.
 *
 * <p><b>Content.</b> Outcomes are logged as the strings the caller rendered (by default the
 * comparator's description: type, size and a short hash, never the content), cut to {@value
 * #MAX_OUTCOME_CHARS} chars. Shopper ids are logged as given: Jackson escapes them, so any id stays
 * one valid JSON line. Nothing here throws into the caller.
 */
public final class AgentEvents implements WaitingLines {

  /** Default lines per second per flag for each kind of per-call line. */
  public static final int DEFAULT_LINES_PER_SECOND = 10;

  static final int MAX_OUTCOME_CHARS = 2_000;
  private static final int MAX_FLAGS = 500;
  private static final String OTHER_FLAGS = "(other)";
  private static final String AGENT_TOKEN = "FLAGGATE";

  private final Logger log;
  private final int linesPerSecond;
  private final boolean fullValues;
  private final LongSupplier nanoClock;
  /** Per flag, a budget for each kind of per-call line but checks (their entry is null). */
  private final ConcurrentMap<String, LineBudget[]> budgets = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CheckLines> checkLines = new ConcurrentHashMap<>();
  private final CheckLines.LineSink checkSink = new CheckSink();

  AgentEvents(Logger log, int linesPerSecond, boolean fullValues, LongSupplier nanoClock) {
    if (linesPerSecond < 0 || linesPerSecond > LineBudget.MAX_PER_SECOND) {
      throw new IllegalArgumentException("lines per second out of 0.." + LineBudget.MAX_PER_SECOND);
    }
    this.log = log;
    this.linesPerSecond = linesPerSecond;
    this.fullValues = fullValues;
    this.nanoClock = nanoClock;
    LogOutput.register(this); // last: the writer may ask for waiting lines from now on
  }

  /**
   * Events logged through the agent's SLF4J, at most {@code linesPerSecondPerFlag} lines a second
   * for each flag and kind of per-call line (0: only counts of left-out lines are written).
   */
  public static AgentEvents create(int linesPerSecondPerFlag, boolean fullValues) {
    return new AgentEvents(
        AgentLoggers.get(AgentEvents.class), linesPerSecondPerFlag, fullValues, CoarseClock.INSTANCE);
  }

  /** A flag decision ({@code FEATURE_FLAG}, {@code feature_flag_check}), as the seed's check line. */
  void flagCheck(String flag, String shopperId, int decisionCode) {
    flagCheck(flag, checkLinesFor(flag), shopperId, decisionCode);
  }

  /** {@link #flagCheck(String, String, int)} with the flag's check lines resolved once by the caller. */
  void flagCheck(String flag, CheckLines lines, String shopperId, int decisionCode) {
    lines.offer(flag, shopperId, decisionCode, nanoClock.getAsLong());
  }

  /** The writer's round: writes the check lines that callers left waiting. */
  @Override
  public void logWaiting() {
    boolean enabled = log.isEnabledForLevel(LineKind.CHECK.level);
    long now = nanoClock.getAsLong();
    for (CheckLines lines : checkLines.values()) {
      if (lines.waiting()) {
        lines.writeTo(checkSink, enabled, now, false);
      }
    }
  }

  /** Writes check lines on the writer thread: one small event, its fields built when rendered (see FlagCheckLine). */
  private final class CheckSink implements CheckLines.LineSink {
    @Override
    public void write(CheckLines.Record check, long leftOut) {
      if (log instanceof LoggingEventAware eventAware) {
        eventAware.log(new FlagCheckLine(log.getName(), check.flag(), check.shopperId(), check.decisionCode(), leftOut,
            check.epochMillis()));
        return;
      }
      emit(
          line(LineKind.CHECK, check.flag())
              .addKeyValue("enabled", DecisionCode.enabled(check.decisionCode()))
              .addKeyValue("shopper_id", check.shopperId())
              .addKeyValue("reason", DecisionCode.reason(check.decisionCode()).word()),
          leftOut);
    }
  }

  /**
   * A dual-run comparison ({@code DUAL_RUN}): {@code dual_run_comparison} when equivalent, else a
   * warning {@code dual_run_divergence}. Both outcomes as rendered by the caller, durations in ms.
   */
  public void comparison(
      String flag,
      String shopperId,
      boolean equivalent,
      String legacyOutcome,
      String newOutcome,
      long legacyNanos,
      long newNanos) {
    LineKind kind = equivalent ? LineKind.COMPARISON : LineKind.DIVERGENCE;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(
          line(kind, flag)
              .addKeyValue("shopper_id", shopperId)
              .addKeyValue("equivalent", equivalent)
              .addKeyValue("legacy_outcome", Truncation.cap(legacyOutcome, MAX_OUTCOME_CHARS))
              .addKeyValue("new_outcome", Truncation.cap(newOutcome, MAX_OUTCOME_CHARS))
              .addKeyValue("legacy_ms", millis(legacyNanos))
              .addKeyValue("new_ms", millis(newNanos)),
          leftOut);
    }
  }

  /** A secondary execution threw ({@code DUAL_RUN}, {@code secondary_error}); never the caller's. */
  public void secondaryError(String flag, String shopperId, Throwable error) {
    LineKind kind = LineKind.SECONDARY_ERROR;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(line(kind, flag).addKeyValue("shopper_id", shopperId).setCause(asLogged(error)), leftOut);
    }
  }

  /** A secondary execution was interrupted after {@code afterNanos} ({@code secondary_timeout}). */
  public void secondaryTimeout(String flag, String shopperId, long afterNanos) {
    LineKind kind = LineKind.SECONDARY_TIMEOUT;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(
          line(kind, flag)
              .addKeyValue("shopper_id", shopperId)
              .addKeyValue("timeout_ms", millis(afterNanos)),
          leftOut);
    }
  }

  /** A secondary execution was not run, e.g. {@code why = "pool_full"} ({@code secondary_skipped}). */
  public void secondarySkipped(String flag, String why) {
    LineKind kind = LineKind.SECONDARY_SKIPPED;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(line(kind, flag).addKeyValue("why", why), leftOut);
    }
  }

  /**
   * A call's route could not be decided and it ran legacy ({@code agent_failure}); {@code error} is
   * mostly the application's (a shopper accessor that threw), so its messages are withheld as a
   * secondary error's are.
   */
  public void routeFailed(String flag, String className, String methodName, Throwable error) {
    applicationFailure(flag, "a call of ", className, methodName, " ran legacy: its route could not be decided (the"
        + " shopper id's accessor or toString() threw, or the agent failed)", error);
  }

  /**
   * The application's comparator threw while comparing a dual-run's outcomes ({@code agent_failure}):
   * its message may quote the outcomes, so it is withheld as a secondary error's is.
   */
  public void comparatorFailed(String flag, String className, String methodName, Throwable error) {
    applicationFailure(flag, "the comparator of ", className, methodName, " threw; the outcomes were not compared",
        error);
  }

  // the line is built only when the rate limit lets it through: such a failure can repeat on every call
  private void applicationFailure(
      String flag, String before, String className, String methodName, String after, Throwable error) {
    LineKind kind = LineKind.AGENT_FAILURE;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(line(kind, flag)
              .addKeyValue("detail", before + className + "." + methodName + after)
              .setCause(asLogged(error)),
          leftOut);
    }
  }

  /** An exception of the application's as its lines show it: its messages are its text, withheld unless log-full-values. */
  private Throwable asLogged(Throwable error) {
    return fullValues ? error : WithheldMessages.of(error);
  }

  /**
   * The agent itself failed during a gated call after the primary started ({@code agent_failure},
   * contract section 6): counted and logged, never thrown into the caller.
   */
  public void agentFailure(String flag, Throwable problem) {
    LineKind kind = LineKind.AGENT_FAILURE;
    long leftOut = take(flag, kind);
    if (leftOut != LineBudget.REFUSED) {
      emit(line(kind, flag).setCause(problem), leftOut);
    }
  }

  /** A new config content was applied; {@code changes} say what changed, one entry per flag. */
  public void configReloaded(List<String> changes) {
    agentLine(Level.INFO, "config_reloaded").addKeyValue("changes", changes).log();
  }

  /** A config content could not be used; the last good config stays (contract section 4). */
  public void configRejected(String problem) {
    agentLine(Level.WARN, "config_rejected").addKeyValue("problem", problem).log();
  }

  /** A gated method was rewritten and is routed from now on. */
  public void instrumented(String method, String flag, String legacy, String shadowFlag, String dualRunFlag) {
    agentLine(Level.INFO, "method_gated")
        .addKeyValue("method", method)
        .addKeyValue("flag_name", flag)
        .addKeyValue("legacy", legacy)
        .addKeyValue("shadow_flag", shadowFlag)
        .addKeyValue("dual_run_flag", dualRunFlag)
        .log();
  }

  /** A gated method the agent cannot route and leaves as it is (contract section 6). */
  public void misconfiguredMethod(String className, String method, String problem, String fix) {
    agentLine(Level.ERROR, "misconfigured_method")
        .addKeyValue("class", className)
        .addKeyValue("method", method)
        .addKeyValue("problem", problem)
        .addKeyValue("fix", fix)
        .log();
  }

  /** An agent option that is unknown or malformed, reported and ignored (contract section 7). */
  public void optionIgnored(String option, String problem) {
    agentLine(Level.WARN, "option_ignored")
        .addKeyValue("option", option)
        .addKeyValue("problem", problem)
        .log();
  }

  /** Any other warning of the agent, named by {@code event}; {@code cause} may be null. */
  public void warning(String event, String detail, Throwable cause) {
    agentLine(Level.WARN, event).addKeyValue("detail", detail).setCause(cause).log();
  }

  /** The agent started, with the settings it runs with. */
  public void started(String version, Map<String, ?> settings) {
    agentLine(Level.INFO, "agent_started")
        .addKeyValue("version", version)
        .addKeyValue("settings", settings)
        .log();
  }

  /**
   * The periodic summary: per flag, what was counted in the last {@code periodSeconds} (flags with
   * nothing to tell are left out by the caller).
   */
  public void summary(long periodSeconds, Map<String, ? extends Map<String, Long>> flags) {
    agentLine(Level.INFO, "summary")
        .addKeyValue("period_s", periodSeconds)
        .addKeyValue("flags", flags)
        .log();
  }

  /**
   * Writes, for each flag and kind of line, how many lines were left out that no later line has
   * told yet ({@code lines_left_out}). Called periodically, so counts never wait for a next line
   * that may not come.
   */
  public void reportLeftOut() {
    boolean checksEnabled = log.isEnabledForLevel(LineKind.CHECK.level);
    for (Map.Entry<String, CheckLines> flag : checkLines.entrySet()) {
      // the lines still waiting first: they tell what was left out before them
      long rest = flag.getValue().writeTo(checkSink, checksEnabled, nanoClock.getAsLong(), true);
      reportLeftOut(flag.getKey(), LineKind.CHECK, rest);
    }
    for (Map.Entry<String, LineBudget[]> flag : budgets.entrySet()) {
      for (LineKind kind : LineKind.ALL) {
        LineBudget budget = flag.getValue()[kind.ordinal()];
        if (budget != null) {
          reportLeftOut(flag.getKey(), kind, budget.drainLeftOut());
        }
      }
    }
  }

  private void reportLeftOut(String flag, LineKind kind, long leftOut) {
    if (leftOut > 0) {
      log.atLevel(kind.level)
          .setMessage(kind.token)
          .addKeyValue("event", "lines_left_out")
          .addKeyValue("flag_name", flag)
          .addKeyValue("of_event", kind.event)
          .addKeyValue("left_out", leftOut)
          .log();
    }
  }

  // the turned-away path: a level check, a map read, a clock read, one counter increment
  private long take(String flag, LineKind kind) {
    return take(budgetsFor(flag), kind);
  }

  // per-call lines with budgets resolved once. A spent budget answers first: once a second's lines
  // are taken (a busy flag's usual state) a check costs a clock read and one compare. That budget
  // only became spent through tryTake below, so the level was enabled then; were logging switched
  // off within that second, a few refusals would be counted that no line ever tells
  private long take(LineBudget[] flagBudgets, LineKind kind) {
    return take(flagBudgets[kind.ordinal()], kind);
  }

  private long take(LineBudget budget, LineKind kind) {
    long now = nanoClock.getAsLong();
    if (budget.refusedEarly(now) || !log.isEnabledForLevel(kind.level)) {
      return LineBudget.REFUSED;
    }
    return budget.tryTake(now);
  }

  /** The check lines of {@code flag}, counting its checks themselves. */
  CheckLines checkLinesFor(String flag) {
    return checkLinesFor(flag, null);
  }

  /**
   * The check lines of {@code flag}: what a gated call's telemetry holds, resolved once. When they
   * are made here, {@code checksOfFlag} (which counts every check of {@code flag}) tells how many
   * checks were offered, so that a refused check writes nothing; past the bound on flag names,
   * where flags share one set of lines, and for lines made without it, they count checks themselves.
   */
  CheckLines checkLinesFor(String flag, LongSupplier checksOfFlag) {
    String name = String.valueOf(flag);
    CheckLines lines = checkLines.get(name);
    if (lines != null) {
      return lines;
    }
    String bounded = bounded(checkLines, name);
    // with check lines off (log=off), none is ever taken: no record waits for a writer that never runs
    int perSecond = log.isEnabledForLevel(LineKind.CHECK.level) ? linesPerSecond : 0;
    return putIfAbsent(checkLines, bounded, new CheckLines(perSecond, bounded.equals(name) ? checksOfFlag : null));
  }

  /** The line budgets of {@code flag}, one per kind of per-call line but checks; the same array for the same flag. */
  LineBudget[] budgetsFor(String flag) {
    String name = String.valueOf(flag);
    LineBudget[] perKind = budgets.get(name);
    return perKind != null ? perKind : putIfAbsent(budgets, bounded(budgets, name), newBudgets());
  }

  // flag names are the application's strings: past the bound they share one entry
  private static String bounded(Map<String, ?> perFlag, String flag) {
    return perFlag.size() < MAX_FLAGS ? flag : OTHER_FLAGS;
  }

  // not computeIfAbsent with a lambda: a gated method's first call comes here, and would spin a
  // lambda class; a lost race just drops the spare value
  private static <V> V putIfAbsent(ConcurrentMap<String, V> perFlag, String name, V created) {
    V raced = perFlag.putIfAbsent(name, created);
    return raced != null ? raced : created;
  }

  private LineBudget[] newBudgets() {
    LineBudget[] perKind = new LineBudget[LineKind.ALL.length];
    for (LineKind kind : LineKind.ALL) {
      if (kind != LineKind.CHECK) {
        perKind[kind.ordinal()] = new LineBudget(linesPerSecond);
      }
    }
    return perKind;
  }

  private LoggingEventBuilder line(LineKind kind, String flag) {
    return log.atLevel(kind.level)
        .setMessage(kind.token)
        .addKeyValue("event", kind.event)
        .addKeyValue("flag_name", flag);
  }

  private static void emit(LoggingEventBuilder line, long leftOut) {
    if (leftOut > 0) {
      line.addKeyValue("left_out", leftOut);
    }
    line.log();
  }

  private LoggingEventBuilder agentLine(Level level, String event) {
    return log.atLevel(level).setMessage(AGENT_TOKEN).addKeyValue("event", event);
  }

  private static double millis(long nanos) {
    // microsecond precision: enough to compare, short to read
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
