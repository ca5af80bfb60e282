package dev.flaggate.agent.observability.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/**
 * Where the agent's code gets its SLF4J loggers: straight from its own provider's factory.
 *
 * <p>Why not {@code LoggerFactory.getLogger}: its first call discovers providers with a {@code
 * ServiceLoader} scan of the whole class path and sets up substitute loggers, tens of ms that the
 * application's first gated call would wait for, to find the one provider the agent ships anyway.
 * The API and the lines are the same; the services file stays, so the relocated {@code
 * LoggerFactory} finds this same factory if anything asks it.
 */
public final class AgentLoggers {

  static final ILoggerFactory FACTORY = new JsonLoggerFactory();

  private AgentLoggers() {}

  public static Logger get(Class<?> type) {
    return FACTORY.getLogger(type.getName());
  }
}
