package dev.flaggate.agent.observability.logging;

/**
 * Lines that wait outside the writer's queue until the writer asks for them: the writer calls
 * {@link #logWaiting} at the start of each round (and of every {@link LogOutput#flush}), and the
 * lines it logs then are written in that same round. For lines taken where even a queue append
 * costs too much (a check line on a gated call's thread: see {@code CheckLines}).
 */
public interface WaitingLines {

  /** Logs the lines waiting, on the writer's thread. Must not throw; a failure is reported, never rethrown. */
  void logWaiting();
}
