package dev.flaggate.agent.observability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * At most N lines per second for one kind of line of one flag, counting the lines it turns away:
 * comparisons, divergences and the secondaries' lines ({@link CheckLines} does checks).
 *
 * <p>The window (the current second) and the lines taken in it share one {@code long}, so taking a
 * line is one compare-and-set and no two threads can both take the last line of a second. Once a
 * second's lines are taken, the start of the next second is noted ({@code reopensAt}), and until
 * then a line is turned away with one read, one compare and the left-out count: no window
 * arithmetic, no lock, no allocation, which is what keeps a million lines a second cheap. The count
 * of lines turned away is handed to the next line taken, or to {@link #drainLeftOut()}, exactly
 * once: {@link LongAdder#sumThenReset()} moves each cell's count atomically, so none is lost or
 * told twice.
 */
final class LineBudget {

  /** What {@link #tryTake} returns when the line must not be written. */
  static final long REFUSED = -1;

  static final int MAX_PER_SECOND = (1 << 20) - 1;
  private static final int USED_BITS = 20;
  private static final long USED_MASK = (1L << USED_BITS) - 1;

  private final int perSecond;
  private final AtomicLong windowAndUsed = new AtomicLong(Long.MIN_VALUE);
  /**
   * Before this time every line is turned away: the start of the window after the last one found
   * full. Lets {@link #refusedEarly} turn a line away with one read and one compare, without the
   * window arithmetic. Only ever set to the start of a window after a full one, so a stale value
   * is in the past and merely sends the caller to {@link #tryTake}; an overflow would make it
   * negative, with the same harmless effect.
   */
  private volatile long reopensAt = Long.MIN_VALUE;
  private final LongAdder leftOut = new LongAdder();

  /** {@code perSecond} of 0 turns every line away: only the counts of left-out lines are told. */
  LineBudget(int perSecond) {
    if (perSecond < 0 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException("lines per second out of 0.." + MAX_PER_SECOND);
    }
    this.perSecond = perSecond;
  }

  /**
   * Takes one line of the budget of the second {@code nowNanos} falls in.
   *
   * @return {@link #REFUSED}, or how many lines were left out since the last one taken
   */
  long tryTake(long nowNanos) {
    if (refusedEarly(nowNanos)) {
      return REFUSED;
    }
    long second = Math.floorDiv(nowNanos, 1_000_000_000L);
    while (true) {
      long state = windowAndUsed.get();
      long window = state >> USED_BITS;
      long used = state & USED_MASK;
      // only a later second opens a new window: a thread whose clock read is a little behind
      // counts in the current one
      if (second > window) {
        window = second;
        used = 0;
      }
      if (used >= perSecond) {
        reopensAt = (window + 1) * 1_000_000_000L;
        countLeftOut();
        return REFUSED;
      }
      if (windowAndUsed.compareAndSet(state, window << USED_BITS | (used + 1))) {
        return leftOut.sumThenReset();
      }
    }
  }

  /**
   * Turns the line away, counting it, when the budget of the second {@code nowNanos} falls in is
   * known to be spent; false means "ask {@link #tryTake}". The cheap test that every flag check
   * makes once a second's lines are taken.
   */
  boolean refusedEarly(long nowNanos) {
    if (nowNanos < reopensAt) {
      countLeftOut();
      return true;
    }
    return false;
  }

  private void countLeftOut() {
    leftOut.increment();
  }

  /** How many lines were left out since the last one taken, now reported by the caller. */
  long drainLeftOut() {
    return leftOut.sumThenReset();
  }
}
