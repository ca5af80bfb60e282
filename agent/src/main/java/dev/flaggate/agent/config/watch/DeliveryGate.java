package dev.flaggate.agent.config.watch;

/**
 * Passes on only what is news: a content whose bytes differ from the last delivered ones, the
 * transition to missing, and each distinct problem once.
 *
 * <p>A content is compared with the last <em>delivered</em> content, not with the state just
 * before: downstream keeps its last-known-good config through a deletion or an unreadable spell, so
 * a file that comes back with that same content has nothing new to say and is not delivered again.
 * A content that comes back different is delivered, even if it equals one delivered long before.
 *
 * <p>Contents are compared byte for byte, not by a digest: exact, cheaper than hashing for files of
 * this size, and it keeps the JDK's security providers (a digest's price at start-up) out of the
 * agent's start.
 *
 * <p>Used by one thread at a time (the starting thread, then the watcher thread).
 */
final class DeliveryGate {

  private final SafeListener listener;
  private byte[] delivered;
  private Observation lastReported;

  DeliveryGate(SafeListener listener) {
    this.listener = listener;
  }

  void offer(Observation observation) {
    if (observation instanceof Observation.Content content) {
      offerContent(content);
    } else if (!observation.equals(lastReported)) {
      lastReported = observation;
      if (observation instanceof Observation.Unreadable unreadable) {
        listener.unreadable(unreadable.problem());
      } else {
        listener.missing();
      }
    }
  }

  private void offerContent(Observation.Content content) {
    lastReported = null;
    if (java.util.Arrays.equals(content.bytes(), delivered)) {
      return;
    }
    // recorded before the call: a listener that throws must not be fed the same bytes every poll
    delivered = content.bytes();
    listener.content(content.bytes());
  }
}
