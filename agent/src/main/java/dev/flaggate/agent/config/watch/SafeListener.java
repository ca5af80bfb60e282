package dev.flaggate.agent.config.watch;

/**
 * Calls the user's listener so that nothing it throws reaches the watcher: a failure is reported
 * through {@link ConfigFileWatcher.Listener#onWatcherProblem}, and the watcher keeps running.
 */
final class SafeListener {

  private final ConfigFileWatcher.Listener listener;

  SafeListener(ConfigFileWatcher.Listener listener) {
    this.listener = listener;
  }

  void content(byte[] content) {
    call(() -> listener.onContent(content), "onContent");
  }

  void missing() {
    call(listener::onMissing, "onMissing");
  }

  void unreadable(String problem) {
    call(() -> listener.onUnreadable(problem), "onUnreadable");
  }

  void problem(String problem) {
    try {
      listener.onWatcherProblem(problem);
    } catch (Throwable t) {
      // the listener cannot even take a report: stderr is the only place left that someone reads
      System.err.println(
          "flaggate: config watcher: " + problem + " (and onWatcherProblem threw " + t + ")");
    }
  }

  private void call(Runnable delivery, String method) {
    try {
      delivery.run();
    } catch (Throwable t) {
      problem("listener " + method + " threw " + t + "; the watcher keeps running");
    }
  }
}
