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

  // one try per method rather than a shared Runnable: no lambda to spin up before the first read
  void content(byte[] content) {
    try {
      listener.onContent(content);
    } catch (Throwable t) {
      threw("onContent", t);
    }
  }

  void missing() {
    try {
      listener.onMissing();
    } catch (Throwable t) {
      threw("onMissing", t);
    }
  }

  void unreadable(String problem) {
    try {
      listener.onUnreadable(problem);
    } catch (Throwable t) {
      threw("onUnreadable", t);
    }
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

  private void threw(String method, Throwable t) {
    problem("listener " + method + " threw " + t + "; the watcher keeps running");
  }
}
