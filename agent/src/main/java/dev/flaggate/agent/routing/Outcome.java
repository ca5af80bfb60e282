package dev.flaggate.agent.routing;

/**
 * What one side of a gated call produced: its value or what it threw, and how long it took.
 *
 * @param value the returned value ({@code null} for void or when it threw)
 * @param thrown what it threw, or {@code null}
 * @param nanos how long it ran
 */
record Outcome(Object value, Throwable thrown, long nanos) {

  static Outcome run(SideCall side, Object[] arguments) {
    long start = System.nanoTime();
    try {
      Object value = side.call(arguments);
      return new Outcome(value, null, System.nanoTime() - start);
    } catch (Throwable thrown) {
      return new Outcome(null, thrown, System.nanoTime() - start);
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
