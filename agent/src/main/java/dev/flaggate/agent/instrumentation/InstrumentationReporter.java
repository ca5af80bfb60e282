package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteDescriptor;

/** Where the instrumentation reports what it did at class-load time (logs and metrics). */
public interface InstrumentationReporter {

  /** A gated method was rewritten and will be routed. */
  void instrumented(SiteDescriptor site, int siteId);

  /** A gated method is routed, but something about it deserves a warning. */
  void warning(String className, String method, String message);

  /** A gated method cannot be routed and was left as it is. */
  void misconfigured(String className, String method, String problem, String fix);

  /** A class could not be rewritten; it loads unchanged. */
  void failed(String className, Throwable error);
}
