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
    Logger known = loggers.get(name);
    if (known != null) {
      return known;
    }
    Logger created = new JsonLogger(name);
    Logger raced = loggers.putIfAbsent(name, created);
    return raced != null ? raced : created;
  }
}
