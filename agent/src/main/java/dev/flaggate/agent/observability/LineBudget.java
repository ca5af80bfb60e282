package dev.flaggate.agent.observability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * At most N lines per second for one kind of line of one flag, counting the lines it turns away.
 *
 * <p>The window (the current second) and the lines taken in it share one {@code long}, so taking a
 * line is one compare-and-set and no two threads can both take the last line of a second. Once a
 * second's lines are taken, the start of the next second is noted ({@code reopensAt}), and until
 * then a line is turned away with one read, one compare and the left-out count: no window
 * arithmetic, no lock, no allocation, which is what keeps a million checks a second cheap. The count
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
  private final LongAdder leftOut;
  /** Left-out count of an approximate budget: racy plain increments, no atomic instruction. */
  private long approximateLeftOut;
  /**
   * Counts every line offered to this budget, taken or not, when someone else counts them anyway
   * ({@link #countOfferedBy}): then a refusal writes nothing, and the left-out count is the
   * difference. Set once, before the budget's first use by that caller; a racy read of null only
   * counts a refusal the old way.
   */
  private LongSupplier offered;
  /** {@link #offered} as of the last line taken or left-out count told. */
  private long offeredAtLastTold;

  /**
   * From now on the lines offered are counted by {@code offeredSoFar} (a flag's check counters: every
   * check offers one line), so that a refusal writes nothing. Why: a refusal happens on nearly every
   * check, and its plain increment of this budget's count, shared by every thread checking the flag,
   * made their caches pass one line back and forth on each check. The line taken and its left-out
   * count are then derived: the check that takes a line is counted just after it.
   */
  void countOfferedBy(LongSupplier offeredSoFar) {
    if (leftOut == null && offered == null) {
      offeredAtLastTold = offeredSoFar.getAsLong();
      offered = offeredSoFar;
    }
  }

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
        return drainLeftOut(true);
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
    if (leftOut != null) {
      leftOut.increment();
    } else if (offered == null) {
      approximateLeftOut++;
    }
  }

  /** How many lines were left out since the last one taken, now reported by the caller. */
  long drainLeftOut() {
    return drainLeftOut(false);
  }

  /** {@link #drainLeftOut()}; {@code lineTaken}: for the line just taken, whose own offer is counted after it. */
  private long drainLeftOut(boolean lineTaken) {
    if (leftOut != null) {
      return leftOut.sumThenReset();
    }
    LongSupplier counted = offered;
    if (counted != null) {
      long now = counted.getAsLong();
      long told = Math.max(0, now - offeredAtLastTold);
      offeredAtLastTold = lineTaken ? now + 1 : now;
      return told;
    }
    long told = approximateLeftOut;
    approximateLeftOut = 0;
    return told;
  }
}
