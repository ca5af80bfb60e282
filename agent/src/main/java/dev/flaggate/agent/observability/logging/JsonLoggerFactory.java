package dev.flaggate.agent.observability.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out one {@link JsonLogger} per name. */
final class JsonLoggerFactory implements ILoggerFactory {

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  JsonLoggerFactory() {}

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, JsonLogger::new);
  }
}
