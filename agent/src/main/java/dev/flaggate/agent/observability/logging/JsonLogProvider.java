package dev.flaggate.agent.observability.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The agent's own SLF4J binding, found by {@code ServiceLoader} through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 *
 * <p>In the agent jar SLF4J is relocated together with that services file, so the relocated SLF4J
 * the agent logs through finds only this provider, and the application's SLF4J, whatever binding it
 * ships (Logback, Log4j), never sees it: neither side configures or receives the other's lines. The
 * MDC is a no-op on purpose: nothing of the caller's thread is carried into the agent's lines
 * (contract section 6).
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

  private final ILoggerFactory loggers = AgentLoggers.FACTORY;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Called by {@code ServiceLoader}. */
  public JsonLogProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: the destination is chosen by LogOutput.configure at agent start
  }
}
