package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds what the instrumentation reports until logs and metrics exist, then forwards everything.
 * The transformer is installed before the agent's runtime starts (so that no gated class can load
 * unrouted), which makes this hand-over necessary.
 */
final class DeferredReporter implements InstrumentationReporter {

  private final List<Consumer<InstrumentationReporter>> pending = new ArrayList<>();
  private InstrumentationReporter target;

  synchronized void forwardTo(InstrumentationReporter reporter) {
    target = reporter;
    pending.forEach(event -> event.accept(reporter));
    pending.clear();
  }

  @Override
  public void instrumented(SiteDescriptor site, int siteId) {
    deliver(r -> r.instrumented(site, siteId));
  }

  @Override
  public void warning(String className, String method, String message) {
    deliver(r -> r.warning(className, method, message));
  }

  @Override
  public void misconfigured(String className, String method, String problem, String fix) {
    deliver(r -> r.misconfigured(className, method, problem, fix));
  }

  @Override
  public void failed(String className, Throwable error) {
    deliver(r -> r.failed(className, error));
  }

  private synchronized void deliver(Consumer<InstrumentationReporter> event) {
    if (target == null) {
      pending.add(event);
    } else {
      event.accept(target);
    }
  }
}
