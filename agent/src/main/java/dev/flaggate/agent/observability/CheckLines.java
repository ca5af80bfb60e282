package dev.flaggate.agent.observability;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The {@code feature_flag_check} lines of one flag (or of the flags past the bound on names): at
 * most N a second, taken on the gated call's thread with a few stores and written by the log
 * writer's thread.
 *
 * <p>Design note. A check line is taken on a few percent of calls (10 a second of a method called
 * 500 times a second), so that code runs too rarely to be compiled well or to stay in the caches:
 * taking a line through the budget's window arithmetic, the left-out count and a logger cost those
 * calls 15-25 µs each on this project's machines, against 1-2 µs for the rest of a shadow call's
 * route, and set the shadow row's p99 (PROFILES.md). Here the caller's part is small enough for
 * the JIT to inline into the route: while the flag's lines are open it puts one record in a free
 * slot; when it finds the slot taken, it closes the lines for one writer round. Everything else
 * happens on the writer thread, every round ({@link #writeTo}): which records fit the second's
 * budget, how many checks were left out, the line itself.
 *
 * <p>Counting. Nothing is silently dropped: a check is a line, or it is told as left out, exactly
 * once. What was offered comes from the flag's check counters, which count every check anyway
 * (then a refused check writes nothing), or, for the flags past the bound, from a counter of this
 * object's own. A check without a line (refused, its slot taken by another caller, its record over
 * the budget or written while logging is off) is simply not a line: the difference between checks
 * offered and lines written is what {@code left_out} tells. The writer tells it on the last line of
 * a round, or in the periodic {@code lines_left_out} line ({@link #writeTo}'s rest): the totals are
 * exact, and a {@code left_out} counts checks left out before its line was written (a record taken
 * before its check was counted can move a few of them on to a later line).
 */
final class CheckLines {

  /** How long callers stay away after finding no free slot: about one round of the log writer. */
  static final long CLOSED_FOR_NANOS = 10_000_000L;
  /** Slots per flag: enough for one round's lines at any budget up to this many a round. */
  static final int MAX_SLOTS = 64;
  private static final long SECOND = 1_000_000_000L;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Record[].class);

  /** One check that may become a line. */
  record Record(String flag, String shopperId, int decisionCode, long nanos, long epochMillis) {}

  /** Where the writer thread sends each line. */
  interface LineSink {
    void write(Record check, long leftOut);
  }

  private final int perSecond;
  /** A power of two: {@code slotMask} picks the next one. */
  private final Record[] slots;
  private final int slotMask;
  /** Before this time every check is refused with one read and one compare. */
  private volatile long reopensAt;
  /** Where the next caller puts its record ({@code & slotMask}); plain and racy: a lost race costs a line, counted. */
  private int nextSlot;
  /** Set by a caller that filled a slot, so that the writer's round skips the flags with nothing waiting. */
  private volatile boolean waiting;
  /** Checks offered, when no check counter counts them: the flags past the bound on names. */
  private final LongAdder ownCount;
  private final LongSupplier flagChecks;

  // the writer's state, under this object's lock
  private long window = Long.MIN_VALUE;
  private int usedInWindow;
  /** Checks told so far, as lines or left-out counts. */
  private long told;

  /**
   * @param perSecond lines a second; 0 writes none, only the left-out counts
   * @param flagChecks every check of the flag so far (its check counters), or {@code null} to count them here
   */
  CheckLines(int perSecond, LongSupplier flagChecks) {
    this.perSecond = perSecond;
    // the budget's lines in one round at most, rounded up to a power of two
    this.slots = new Record[Integer.highestOneBit(Math.max(1, Math.min(perSecond, MAX_SLOTS)) * 2 - 1)];
    this.slotMask = slots.length - 1;
    this.reopensAt = perSecond == 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    this.ownCount = flagChecks == null ? new LongAdder() : null;
    this.flagChecks = flagChecks;
    this.told = flagChecks == null ? 0 : flagChecks.getAsLong();
  }

  /**
   * One check of the flag, on the gated call's thread: refused at once while the lines are closed
   * (the common case), else its record goes to a free slot. Small on purpose, see the design note.
   */
  void offer(String flag, String shopperId, int decisionCode, long nowNanos) {
    // all in this one method, which the route's frequent call inlines: a method called from the
    // rare branch would have to stay under the JIT's 35 bytes for cold calls, or be called, cold
    // (the record's constructor, the handle's compare-and-set and the clock are inlined anyway)
    if (nowNanos >= reopensAt) {
      Record check = new Record(flag, shopperId, decisionCode, nowNanos, System.currentTimeMillis());
      int slot = nextSlot++ & slotMask; // racy: two callers may pick one slot, and one of them finds it taken
      if (SLOT.compareAndSet(slots, slot, (Record) null, check)) {
        waiting = true;
      } else {
        reopensAt = nowNanos + CLOSED_FOR_NANOS; // the writer has not caught up: its round reopens them
      }
    }
    if (ownCount != null) {
      ownCount.increment(); // after the record, as the flag's counters count a check (see writeTo)
    }
  }

  /** Whether a record waits for the writer (cheap: read by every round for every flag). */
  boolean waiting() {
    return waiting;
  }

  /**
   * Writes the records waiting, oldest first, that fit the budget of their second (none when
   * {@code enabled} is false), the last one written carrying the checks left out since the lines
   * written before; then reopens the lines for callers unless this second's budget is spent.
   *
   * @param tellTheRest whether the caller tells the checks left out that no line told (the periodic
   *     {@code lines_left_out}): counted from the same reading of the offers as the lines, so that a
   *     check whose record arrives meanwhile is never told both ways
   * @return the checks left out that no line told, when {@code tellTheRest}, else 0
   */
  synchronized long writeTo(LineSink sink, boolean enabled, long nowNanos, boolean tellTheRest) {
    waiting = false;
    // offers first, then records: a check is counted after its record is put, so a record put after
    // take() is not in this offered count either, and will be told once, as a line or left out.
    // A record taken whose check is not counted yet makes told run ahead until the count catches up
    long offers = checksOffered();
    Record[] taken = take();
    int count = 0;
    for (Record check : taken) {
      if (check != null && enabled && fits(check.nanos())) {
        taken[count++] = check;
      }
    }
    if (count > 0) {
      // the round's last line carries the checks left out since the previous round's: they were all
      // left out before it was written. A record's own check may be counted just after it was put,
      // so the lines count even when the counters do not show them yet
      long leftOut = Math.max(0, offers - told - count);
      told += leftOut + count;
      for (int i = 0; i < count; i++) {
        sink.write(taken[i], i == count - 1 ? leftOut : 0);
      }
    }
    reopen(enabled, nowNanos);
    long rest = offers - told;
    if (!tellTheRest || rest <= 0) {
      return 0;
    }
    told += rest;
    return rest;
  }

  // callers come back at once, unless this second's lines are spent or nobody would write them
  private void reopen(boolean enabled, long nowNanos) {
    long second = Math.floorDiv(nowNanos, SECOND);
    if (perSecond == 0) {
      reopensAt = Long.MAX_VALUE;
    } else if (!enabled) {
      reopensAt = nowNanos + SECOND;
    } else if (second <= window && usedInWindow >= perSecond) {
      reopensAt = (window + 1) * SECOND;
    } else {
      reopensAt = Long.MIN_VALUE;
    }
  }

  // the records in the slots, oldest first (a handful: insertion sort, no comparator class)
  private Record[] take() {
    Record[] taken = new Record[slots.length];
    int n = 0;
    for (int i = 0; i < slots.length; i++) {
      Record check = (Record) SLOT.getAndSet(slots, i, (Record) null);
      if (check != null) {
        int at = n++;
        while (at > 0 && taken[at - 1].nanos() > check.nanos()) {
          taken[at] = taken[at - 1];
          at--;
        }
        taken[at] = check;
      }
    }
    return taken;
  }

  private boolean fits(long nanos) {
    long second = Math.floorDiv(nanos, SECOND);
    if (second < window) {
      return false; // a caller held up past its second's round: that second may be spent already
    }
    if (second > window) {
      window = second;
      usedInWindow = 0;
    }
    if (usedInWindow >= perSecond) {
      return false;
    }
    usedInWindow++;
    return true;
  }

  private long checksOffered() {
    return ownCount != null ? ownCount.sum() : flagChecks.getAsLong();
  }
}
