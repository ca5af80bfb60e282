package dev.flaggate.agent.routing;

/** Telemetry that records nothing: tests override the events they look at. */
class QuietTelemetry implements FlagTelemetry {
  @Override public void checked(String shopperId, int decisionCode) {}
  @Override public void latency(boolean newPath, boolean primary, long nanos) {}
  @Override public void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
      long legacyNanos, long newNanos) {}
  @Override public void secondaryFailed(String shopperId, Throwable error) {}
  @Override public void secondarySkipped() {}
  @Override public void secondaryTimedOut(String shopperId, long afterNanos) {}
  @Override public void agentFault(String where, Throwable error) {}
  @Override public void routeFailed(SiteDescriptor method, Throwable error) {}
  @Override public void comparatorFailed(SiteDescriptor method, Throwable error) {}
}
