package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds what the instrumentation reports until logs and metrics exist, then forwards everything.
 * The transformer is installed before the agent's runtime starts (so that no gated class can load
 * unrouted), which makes this hand-over necessary. Held reports are small records, not lambdas:
 * they are made while the application's first gated classes load.
 */
final class DeferredReporter implements InstrumentationReporter {

  private final List<Report> pending = new ArrayList<>();
  private InstrumentationReporter target;

  synchronized void forwardTo(InstrumentationReporter reporter) {
    target = reporter;
    for (Report report : pending) {
      report.deliverTo(reporter);
    }
    pending.clear();
  }

  @Override
  public void instrumented(SiteDescriptor site, int siteId) {
    deliver(new Instrumented(site, siteId));
  }

  @Override
  public void warning(String className, String method, String message) {
    deliver(new Warning(className, method, message));
  }

  @Override
  public void misconfigured(String className, String method, String problem, String fix) {
    deliver(new Misconfigured(className, method, problem, fix));
  }

  @Override
  public void failed(String className, Throwable error) {
    deliver(new Failed(className, error));
  }

  private synchronized void deliver(Report report) {
    if (target == null) {
      pending.add(report);
    } else {
      report.deliverTo(target);
    }
  }

  private sealed interface Report {
    void deliverTo(InstrumentationReporter reporter);
  }

  private record Instrumented(SiteDescriptor site, int siteId) implements Report {
    @Override
    public void deliverTo(InstrumentationReporter reporter) {
      reporter.instrumented(site, siteId);
    }
  }

  private record Warning(String className, String method, String message) implements Report {
    @Override
    public void deliverTo(InstrumentationReporter reporter) {
      reporter.warning(className, method, message);
    }
  }

  private record Misconfigured(String className, String method, String problem, String fix) implements Report {
    @Override
    public void deliverTo(InstrumentationReporter reporter) {
      reporter.misconfigured(className, method, problem, fix);
    }
  }

  private record Failed(String className, Throwable error) implements Report {
    @Override
    public void deliverTo(InstrumentationReporter reporter) {
      reporter.failed(className, error);
    }
  }
}
