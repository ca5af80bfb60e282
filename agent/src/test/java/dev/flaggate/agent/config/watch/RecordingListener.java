package dev.flaggate.agent.config.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Queues every call in order; the await methods wait a bounded time, never a fixed one. */
class RecordingListener implements ConfigFileWatcher.Listener {

  static final Duration WAIT = Duration.ofSeconds(5);

  sealed interface Event {}

  record Content(String text, Thread thread) implements Event {}

  record Missing() implements Event {}

  record Unreadable(String problem) implements Event {}

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final BlockingQueue<String> problems = new LinkedBlockingQueue<>();

  @Override
  public void onContent(byte[] content) {
    events.add(new Content(new String(content, UTF_8), Thread.currentThread()));
  }

  @Override
  public void onMissing() {
    events.add(new Missing());
  }

  @Override
  public void onUnreadable(String problem) {
    events.add(new Unreadable(problem));
  }

  @Override
  public void onWatcherProblem(String problem) {
    problems.add(problem);
  }

  /** The next call, waiting up to {@link #WAIT}. */
  Event next() throws InterruptedException {
    Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(event, "nothing delivered within " + WAIT);
    return event;
  }

  /** Asserts that the very next call delivers {@code expected}. */
  Content nextContent(String expected) throws InterruptedException {
    Content content = assertInstanceOf(Content.class, next());
    assertEquals(expected, content.text());
    return content;
  }

  /**
   * Skips what comes before {@code expected}: an in-place write can be read half done, and that is
   * delivered too (the parser rejects it).
   */
  void awaitContent(String expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      Event event = events.poll(50, TimeUnit.MILLISECONDS);
      if (event instanceof Content content && content.text().equals(expected)) {
        return;
      }
    }
    throw new AssertionError("content " + expected + " not delivered within " + WAIT);
  }

  /** The next watcher problem, waiting up to {@link #WAIT}. */
  String nextProblem() throws InterruptedException {
    String problem = problems.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(problem, "no problem reported within " + WAIT);
    return problem;
  }
}
