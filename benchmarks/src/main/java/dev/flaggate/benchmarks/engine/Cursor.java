package dev.flaggate.benchmarks.engine;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Rotates through an id array, so a benchmark asks about a different shopper each call. */
@State(Scope.Thread)
public class Cursor {

  private int next;

  /** The next id of {@code ids} (length {@link Shoppers#SIZE}). */
  public String next(String[] ids) {
    return ids[nextIndex()];
  }

  /** The next index into an array of length {@link Shoppers#SIZE}. */
  public int nextIndex() {
    return next++ & Shoppers.MASK;
  }
}
