package dev.flaggate.demo.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where canonical events go to be processed downstream (analytics, CRM sync). In-memory here: the
 * demo only counts what arrives.
 */
public final class CanonicalEventStream {

  private final LongAdder received = new LongAdder();

  /** Creates an empty stream. */
  public CanonicalEventStream() {}

  /**
   * Accepts an event for downstream processing.
   *
   * @param event the event
   */
  public void publish(PublishedEvent event) {
    if (event.eventId().isEmpty()) {
      throw new IllegalArgumentException("an event needs an id");
    }
    received.increment();
  }

  /** @return events accepted so far */
  public long received() {
    return received.sum();
  }
}
