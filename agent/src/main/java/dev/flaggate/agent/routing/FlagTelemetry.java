package dev.flaggate.agent.routing;

/**
 * What routing reports about one flag. Resolved once per flag and kept by each site, so that the
 * per-call methods ({@link #checked}, {@link #latency}) need no lookup and allocate nothing.
 * Implementations must never throw.
 */
public interface FlagTelemetry {

  /** A decision was made for this flag (counted always, logged at a bounded rate). */
  void checked(String shopperId, int decisionCode);

  /** A sampled run of one side took {@code nanos}. */
  void latency(boolean newPath, boolean primary, long nanos);

  /** Dual-run compared the two outcomes. */
  void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
      long legacyNanos, long newNanos);

  /** The secondary execution threw; the caller never sees it. */
  void secondaryFailed(String shopperId, Throwable error);

  /** The secondary was not run: the pool was full. */
  void secondarySkipped();

  /** The secondary for {@code shopperId} ran past its timeout of {@code afterNanos} and was interrupted. */
  void secondaryTimedOut(String shopperId, long afterNanos);

  /** The agent itself failed after the primary started; counted, never seen by the caller. */
  void agentFault(String where, Throwable error);

  /**
   * A call's route could not be decided ({@code error}: its shopper id's accessor or
   * {@code toString()} threw, or the agent failed before the decision); it ran legacy.
   */
  void routeFailed(SiteDescriptor method, Throwable error);

  /** The application's comparator threw while comparing a dual-run's outcomes; counted as a secondary error. */
  void comparatorFailed(SiteDescriptor method, Throwable error);
}
