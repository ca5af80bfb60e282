package dev.flaggate.agent.observability;

import java.util.function.LongSupplier;

/**
 * A nanosecond clock that is read with one volatile load, updated every few milliseconds by one
 * daemon thread.
 *
 * <p>The per-flag line budgets ask "which second is it?" on every flag check; {@code System.nanoTime}
 * costs about as much as the whole rest of a check, and a budget measured in lines per second
 * needs no better than millisecond precision. Latency sampling uses its ticks as a rate cap
 * (at most one timed call per method per tick).
 */
public final class CoarseClock implements LongSupplier {

  /** The agent's one clock; its thread starts with the first use. */
  public static final CoarseClock INSTANCE = new CoarseClock();
  private static final long TICK_MILLIS = 5;

  private volatile long nanos = System.nanoTime();

  private CoarseClock() {
    Thread ticker = new Thread(new Runnable() { // not a lambda: the agent's start spins none (ARCHITECTURE.md)
      @Override
      public void run() {
        tick();
      }
    }, "flaggate-clock");
    ticker.setDaemon(true);
    ticker.start();
  }

  @Override
  public long getAsLong() {
    return nanos;
  }

  private void tick() {
    while (true) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException stop) {
        return;
      }
      nanos = System.nanoTime();
    }
  }
}
