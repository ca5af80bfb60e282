package dev.flaggate.agent.observability;

import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.metrics.FlagMetrics;
import dev.flaggate.agent.routing.FlagTelemetry;
import dev.flaggate.agent.routing.RoutingTelemetry;
import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What routing reports, turned into metrics (every event) and log lines (rate-limited per flag by
 * {@link AgentEvents}). One {@link FlagTelemetry} per flag, created once and kept by each site.
 */
public final class RoutingObserver implements RoutingTelemetry {

  private final AgentMetrics metrics;
  private final AgentEvents events;

  public RoutingObserver(AgentMetrics metrics, AgentEvents events) {
    this.metrics = metrics;
    this.events = events;
  }

  @Override
  public FlagTelemetry forFlag(String flag) {
    FlagMetrics flagMetrics = metrics.flag(flag);
    return new ObservedFlag(flag, flagMetrics, events, events.checkLinesFor(flag, new ChecksOf(flagMetrics)));
  }

  /** Every check of one flag so far: what its check lines derive their left-out count from. */
  private static final class ChecksOf implements LongSupplier { // not a lambda: forFlag is on the start path
    private final FlagMetrics flag;

    ChecksOf(FlagMetrics flag) {
      this.flag = flag;
    }

    @Override
    public long getAsLong() {
      return flag.checksSoFar();
    }
  }

  /** Telemetry of one flag. Never throws: observing must not fail a gated call. */
  private static final class ObservedFlag implements FlagTelemetry {

    private final String flag;
    private final FlagMetrics metrics;
    /**
     * The flag's check counters and check lines, held here rather than reached through
     * {@link #metrics} and the events' budgets: a gated call's count waits for every load before
     * it, and these are two links fewer in that chain.
     */
    private final LongAdder[] checkCounts;
    private final CheckLines checkLines;
    private final AgentEvents events;

    ObservedFlag(String flag, FlagMetrics metrics, AgentEvents events, CheckLines checkLines) {
      this.flag = flag;
      this.metrics = metrics;
      this.checkCounts = metrics.checkCounts();
      this.events = events;
      this.checkLines = checkLines;
    }

    // no try/catch here, to stay small on the hot path: the router's caller turns any failure of a
    // decision into legacy, and neither a counter nor the (self-guarding) log line throws
    @Override
    public void checked(String shopperId, int decisionCode) {
      events.flagCheck(flag, checkLines, shopperId, decisionCode);
      checkCounts[decisionCode].increment();
    }

    @Override
    public void latency(boolean newPath, boolean primary, long nanos) {
      try {
        metrics.latency(newPath, primary, nanos);
      } catch (RuntimeException ignored) {
        // observing never fails the call
      }
    }

    @Override
    public void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
        long legacyNanos, long newNanos) {
      if (!equivalent) {
        metrics.divergence();
      }
      events.comparison(flag, shopperId, equivalent, legacyOutcome, newOutcome, legacyNanos, newNanos);
    }

    @Override
    public void secondaryFailed(String shopperId, Throwable error) {
      metrics.secondaryError();
      events.secondaryError(flag, shopperId, error);
    }

    @Override
    public void secondarySkipped() {
      metrics.secondarySkipped();
      events.secondarySkipped(flag, "pool_full");
    }

    @Override
    public void secondaryTimedOut(String shopperId, long afterNanos) {
      metrics.secondaryTimeout();
      events.secondaryTimeout(flag, shopperId, afterNanos);
    }

    @Override
    public void agentFault(String where, Throwable error) {
      metrics.secondaryError();
      events.agentFailure(flag, new IllegalStateException(where, error));
    }

    @Override
    public void routeFailed(SiteDescriptor method, Throwable error) {
      // no secondary ran: an agent_failure line (rate limited per flag), and no secondary's counter
      events.routeFailed(flag, method.className(), method.methodName(), error);
    }

    @Override
    public void comparatorFailed(SiteDescriptor method, Throwable error) {
      metrics.secondaryError();
      events.comparatorFailed(flag, method.className(), method.methodName(), error);
    }
  }
}
