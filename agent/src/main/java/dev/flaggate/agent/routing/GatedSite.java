package dev.flaggate.agent.routing;

/**
 * The run-time state of one gated method: its descriptor, the telemetry of its flags (resolved once),
 * a latency-sampling counter, and the complex route once its invokedynamic call site is linked.
 */
public final class GatedSite {

  private final int id;
  private final SiteDescriptor descriptor;
  /** Bound on first use; an immutable holder, so a racy read sees all three or none. */
  private SiteTelemetry telemetry;
  /** Racy on purpose: a lost increment only shifts which call is sampled. */
  private int calls;

  GatedSite(int id, SiteDescriptor descriptor) {
    this.id = id;
    this.descriptor = descriptor;
  }

  public int id() {
    return id;
  }

  public SiteDescriptor descriptor() {
    return descriptor;
  }

  /** True once every {@code sampleMask + 1} calls (the mask is a power of two minus one). */
  boolean sampleNow(int sampleMask) {
    return (++calls & sampleMask) == 0;
  }

  SiteTelemetry telemetry(RoutingTelemetry routingTelemetry) {
    SiteTelemetry bound = telemetry;
    if (bound == null) {
      bound = new SiteTelemetry(
          routingTelemetry.forFlag(descriptor.flag()),
          descriptor.shadowFlag() == null ? null : routingTelemetry.forFlag(descriptor.shadowFlag()),
          descriptor.dualRunFlag() == null ? null : routingTelemetry.forFlag(descriptor.dualRunFlag()));
      telemetry = bound;
    }
    return bound;
  }

  /** The telemetry of the method's flag and of its companion flags (null when not named). */
  record SiteTelemetry(FlagTelemetry flag, FlagTelemetry shadowFlag, FlagTelemetry dualRunFlag) {}
}
