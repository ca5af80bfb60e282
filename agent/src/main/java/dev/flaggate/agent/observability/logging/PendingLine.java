package dev.flaggate.agent.observability.logging;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/** One log call as the caller made it, rendered to its JSON line later, on the writer thread. */
record PendingLine(
    Instant time, Level level, String logger, String pattern, Object[] arguments, List<KeyValuePair> pairs,
    Throwable error) {

  byte[] render() throws IOException {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    return JsonLine.render(time, level, logger, message, pairs, error);
  }
}
