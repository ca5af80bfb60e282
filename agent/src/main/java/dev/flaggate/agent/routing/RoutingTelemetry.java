package dev.flaggate.agent.routing;

/** Gives each flag its {@link FlagTelemetry}; the observability layer implements it. */
@FunctionalInterface
public interface RoutingTelemetry {

  /** The telemetry of {@code flag}; the same instance for the same name. */
  FlagTelemetry forFlag(String flag);
}
