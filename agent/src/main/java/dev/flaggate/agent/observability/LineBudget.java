package dev.flaggate.agent.observability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * At most N lines per second for one kind of line of one flag, counting the lines it turns away.
 *
 * <p>The window (the current second) and the lines taken in it share one {@code long}, so taking a
 * line is one compare-and-set and no two threads can both take the last line of a second. A line
 * turned away costs one read of that {@code long} and one {@link LongAdder} increment: no lock, no
 * allocation, no contended write, which is what keeps a million checks a second cheap. The count
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
  private final LongAdder leftOut;
  /** Left-out count of an approximate budget: racy plain increments, no atomic instruction. */
  private long approximateLeftOut;

  /** {@code perSecond} of 0 turns every line away: only the counts of left-out lines are told. */
  LineBudget(int perSecond) {
    this(perSecond, true);
  }

  /**
   * A budget whose left-out count is exact, or approximate under contention. Flag checks use an
   * approximate one: they are refused a million times a second, an atomic increment per refusal
   * would cost as much as the rest of the check, and their exact count is the
   * {@code feature_flag_checks_total} counter anyway. Divergences and errors always count exactly.
   */
  LineBudget(int perSecond, boolean exactLeftOut) {
    if (perSecond < 0 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException("lines per second out of 0.." + MAX_PER_SECOND);
    }
    this.perSecond = perSecond;
    this.leftOut = exactLeftOut ? new LongAdder() : null;
  }

  /**
   * Takes one line of the budget of the second {@code nowNanos} falls in.
   *
   * @return {@link #REFUSED}, or how many lines were left out since the last one taken
   */
  long tryTake(long nowNanos) {
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
        if (leftOut != null) {
          leftOut.increment();
        } else {
          approximateLeftOut++;
        }
        return REFUSED;
      }
      if (windowAndUsed.compareAndSet(state, window << USED_BITS | (used + 1))) {
        return drainLeftOut();
      }
    }
  }

  /** How many lines were left out since the last one taken, now reported by the caller. */
  long drainLeftOut() {
    if (leftOut != null) {
      return leftOut.sumThenReset();
    }
    long told = approximateLeftOut;
    approximateLeftOut = 0;
    return told;
  }
}
