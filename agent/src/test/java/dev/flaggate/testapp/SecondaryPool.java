package dev.flaggate.testapp;

import java.util.Map;

/**
 * Lets a test application wait until the agent's secondary pool has nothing running, so that the
 * next gated call finds a free thread and everything the last secondary reported (its metrics, its
 * log lines) is written. Reads thread stacks only: the application knows nothing of the agent.
 */
public final class SecondaryPool {

  private SecondaryPool() {}

  /** Waits (20 s at most) until every secondary pool thread is parked waiting for work. */
  public static void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    int idleInARow = 0;
    while (idleInARow < 3) { // three looks, 20 ms apart: a thread handed a task leaves getTask at once
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the secondary pool is still busy after 20 s");
      }
      idleInARow = idle() ? idleInARow + 1 : 0;
      Thread.sleep(20);
    }
  }

  private static boolean idle() {
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      String name = thread.getKey().getName();
      if (!name.startsWith("flaggate-secondary-") || name.startsWith("flaggate-secondary-watchdog")) {
        continue;
      }
      Thread.State state = thread.getKey().getState();
      boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
      if (name.equals("flaggate-secondary-handoff")) {
        // the hand-off parks between polls (16 ms at most), so three idle looks 20 ms apart mean it
        // handed on everything submitted before the first
        if (!parked) {
          return false;
        }
        continue;
      }
      if (!parked || !waitsForWork(thread.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean waitsForWork(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
        return true;
      }
    }
    return false;
  }
}
