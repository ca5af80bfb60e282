package dev.flaggate.agent.observability;

import dev.flaggate.agent.observability.metrics.AgentMetrics;
import dev.flaggate.agent.observability.metrics.FlagMetrics;
import dev.flaggate.agent.routing.FlagTelemetry;
import dev.flaggate.agent.routing.RoutingTelemetry;

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
    return new ObservedFlag(flag, metrics.flag(flag), events, events.budgetsFor(flag));
  }

  /** Telemetry of one flag. Never throws: observing must not fail a gated call. */
  private static final class ObservedFlag implements FlagTelemetry {

    private final String flag;
    private final FlagMetrics metrics;
    private final AgentEvents events;
    private final LineBudget[] lineBudgets;

    ObservedFlag(String flag, FlagMetrics metrics, AgentEvents events, LineBudget[] lineBudgets) {
      this.flag = flag;
      this.metrics = metrics;
      this.events = events;
      this.lineBudgets = lineBudgets;
    }

    // no try/catch here, to stay small on the hot path: the router's caller turns any failure of a
    // decision into legacy, and neither a counter nor the (self-guarding) log line throws
    @Override
    public void checked(String shopperId, int decisionCode) {
      events.flagCheck(flag, lineBudgets, shopperId, decisionCode);
      metrics.check(decisionCode);
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
  }
}
