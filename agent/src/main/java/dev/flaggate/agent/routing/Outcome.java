package dev.flaggate.agent.routing;

/**
 * What one side of a gated call produced: its value or what it threw, and how long it took.
 *
 * @param value the returned value ({@code null} for void or when it threw)
 * @param thrown what it threw, or {@code null}
 * @param nanos how long it ran, or {@link #UNTIMED}
 */
record Outcome(Object value, Throwable thrown, long nanos) {

  /** The {@link #nanos} of an outcome that was not timed. */
  static final long UNTIMED = -1;

  /**
   * Runs one side. {@code timed} false saves the two clock reads (on a cold cache after an idle
   * period each costs hundreds of nanoseconds on the caller's thread) when nobody needs the duration.
   */
  static Outcome run(SideCall side, Object[] arguments, boolean timed) {
    long start = timed ? System.nanoTime() : 0;
    try {
      Object value = side.call(arguments);
      return new Outcome(value, null, timed ? System.nanoTime() - start : UNTIMED);
    } catch (Throwable thrown) {
      return new Outcome(null, thrown, timed ? System.nanoTime() - start : UNTIMED);
    }
  }

  /** The value or the throwable: what a {@code ResultComparator} compares. */
  Object comparable() {
    return thrown != null ? thrown : value;
  }

  /** Gives the caller exactly what the side produced: the same value, or the same exception instance. */
  Object replay() throws Throwable {
    if (thrown != null) {
      throw thrown;
    }
    return value;
  }

  /** One side of a gated call, given the receiver (if any) and arguments in one array. */
  @FunctionalInterface
  interface SideCall {
    Object call(Object[] arguments) throws Throwable;
  }
}
