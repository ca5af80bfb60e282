package dev.flaggate.agent.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract 8: check lines, taken on the caller's thread and written by the writer's")
class CheckLinesTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String FLAG = "F";

  /** What the writer wrote: each line's shopper and left-out count. */
  private static class Written implements CheckLines.LineSink {
    final List<String> shoppers = new ArrayList<>();
    final List<Long> leftOuts = new ArrayList<>();

    @Override
    public void write(CheckLines.Record check, long leftOut) {
      shoppers.add(check.shopperId());
      leftOuts.add(leftOut);
    }

    long told() {
      long told = shoppers.size();
      for (long leftOut : leftOuts) {
        told += leftOut;
      }
      return told;
    }
  }

  /** The checks left out that no line told, as the periodic summary asks for them. */
  private static long rest(CheckLines lines) {
    return lines.writeTo(new Written(), true, 0, true);
  }

  @Test
  @DisplayName("a record of a second whose lines may be spent already is not a line: it is counted")
  void lateRecordOfAnEarlierSecond() {
    CheckLines lines = new CheckLines(2, null);
    Written written = new Written();
    lines.offer(FLAG, "a", 0, 8 * SECOND);
    lines.writeTo(written, true, 8 * SECOND, false);
    lines.offer(FLAG, "late", 0, 7 * SECOND); // a caller that read its clock, then waited past its round
    lines.writeTo(written, true, 8 * SECOND, false);

    assertEquals(List.of("a"), written.shoppers);
    assertEquals(1, rest(lines));
  }

  @Test
  @DisplayName("N lines a second, oldest first; a round's last line tells the checks left out since the lines before")
  void perSecondBudget() {
    CheckLines lines = new CheckLines(2, null);
    Written written = new Written();
    long now = 42 * SECOND;

    lines.offer(FLAG, "a", 0, now);
    lines.offer(FLAG, "b", 0, now + 1);
    lines.writeTo(written, true, now + 2, false);
    assertEquals(List.of("a", "b"), written.shoppers);
    assertEquals(List.of(0L, 0L), written.leftOuts);

    for (int i = 0; i < 30; i++) {
      lines.offer(FLAG, "refused", 0, now + 3); // the second's two lines are spent: closed
    }
    assertEquals(false, lines.waiting(), "a closed check puts no record");
    lines.offer(FLAG, "c", 0, now + SECOND);
    lines.writeTo(written, true, now + SECOND, false);
    assertEquals(List.of("a", "b", "c"), written.shoppers);
    assertEquals(30L, written.leftOuts.get(2));
    assertEquals(0, rest(lines), "told once");
  }

  @Test
  @DisplayName("records of one second beyond its budget are not lines, and are counted as left out")
  void overBudgetRecordsAreCounted() {
    CheckLines lines = new CheckLines(3, null);
    Written written = new Written();
    long now = 5 * SECOND;
    lines.offer(FLAG, "a", 0, now);
    lines.writeTo(written, true, now, false);
    for (int i = 0; i < 3; i++) { // three slots fill within one round, but only two lines are left this second
      lines.offer(FLAG, "s" + i, 0, now + 10 + i);
    }
    lines.offer(FLAG, "no slot", 0, now + 20); // every slot taken: closed until the writer's round
    lines.offer(FLAG, "closed", 0, now + 21);
    lines.writeTo(written, true, now + 30, false);

    assertEquals(List.of("a", "s0", "s1"), written.shoppers);
    assertEquals(List.of(0L, 0L, 3L), written.leftOuts, "s2, and the two checks that found no slot");
    lines.offer(FLAG, "refused", 0, now + 40);
    assertEquals(1, rest(lines));
  }

  @Test
  @DisplayName("a budget of 0 writes no line, and every check is still counted")
  void zeroBudget() {
    CheckLines lines = new CheckLines(0, null);
    Written written = new Written();
    for (int i = 0; i < 5; i++) {
      lines.offer(FLAG, "s", 0, i * SECOND);
    }
    lines.writeTo(written, true, 5 * SECOND, false);
    assertTrue(written.shoppers.isEmpty());
    assertEquals(5, rest(lines));
  }

  @Test
  @DisplayName("logging off for checks: records are dropped and told as left out")
  void disabledLevel() {
    CheckLines lines = new CheckLines(10, null);
    Written written = new Written();
    lines.offer(FLAG, "s", 0, SECOND);
    lines.writeTo(written, false, SECOND, false);
    assertTrue(written.shoppers.isEmpty());
    assertEquals(1, rest(lines));
  }

  @Test
  @DisplayName("checks counted by the flag's counters, each just after its record: a refusal writes nothing, nothing told twice")
  void offersCountedByTheFlag() {
    AtomicLong counted = new AtomicLong(100); // checks before these lines existed: never told
    CheckLines lines = new CheckLines(1, counted::get);
    Written written = new Written();
    long now = 7 * SECOND;

    lines.offer(FLAG, "a", 0, now);
    lines.writeTo(written, true, now, false); // before the counter counts check 101
    counted.incrementAndGet();
    for (int i = 0; i < 40; i++) {
      lines.offer(FLAG, "refused", 0, now + 1);
      counted.incrementAndGet();
    }
    assertEquals(List.of(0L), written.leftOuts);
    assertEquals(40, rest(lines));
    assertEquals(0, rest(lines), "told once");
  }

  @Test
  @DisplayName("the summary's rest comes from the reading of the offers the lines came from: a check arriving meanwhile is told once")
  void restAndLinesFromOneReading() {
    AtomicLong counted = new AtomicLong();
    CheckLines[] holder = new CheckLines[1];
    int[] reads = {0};
    // the third reading of the counters (the constructor's is the first) lets a check arrive at that
    // moment: inside the first round, were the rest read anew after its records were taken
    holder[0] = new CheckLines(10, () -> {
      if (++reads[0] == 3) {
        holder[0].offer(FLAG, "arriving", 0, SECOND);
        counted.incrementAndGet();
      }
      return counted.get();
    });
    CheckLines lines = holder[0];
    Written written = new Written();
    lines.offer(FLAG, "a", 0, SECOND);
    counted.incrementAndGet();

    long rest = lines.writeTo(written, true, SECOND, true);
    rest += lines.writeTo(written, true, SECOND, true);

    assertEquals(List.of("a", "arriving"), written.shoppers);
    assertEquals(0, rest, "both checks are lines; neither is also told as left out");
  }

  @Test
  @DisplayName("many threads and a writer at once: every check is a line or told as left out, exactly once, within the budget")
  void concurrentCountsAreExact() throws InterruptedException {
    for (int round = 0; round < 5; round++) {
      concurrentChecks(false);
    }
  }

  @Test
  @DisplayName("the same, with the checks counted by the flag's counters just after each offer, as a gated call counts them")
  void concurrentCountsAreExact_countedByTheFlag() throws InterruptedException {
    for (int round = 0; round < 5; round++) {
      concurrentChecks(true);
    }
  }

  private static void concurrentChecks(boolean countedByTheFlag) throws InterruptedException {
    int perSecond = 7;
    LongAdder counted = new LongAdder();
    CheckLines lines = new CheckLines(perSecond, countedByTheFlag ? counted::sum : null);
    AtomicLong clock = new AtomicLong(SECOND);
    ConcurrentHashMap<Long, LongAdder> linesPerSecond = new ConcurrentHashMap<>();
    Written written = new Written() {
      @Override
      public void write(CheckLines.Record check, long leftOut) {
        super.write(check, leftOut);
        linesPerSecond.computeIfAbsent(check.nanos() / SECOND, s -> new LongAdder()).increment();
      }
    };
    int threads = 4;
    int phases = 10;
    int checksEachPhase = 20_000;
    // each caller waits for two of the writer's rounds after each phase, so that lines are written
    // while the callers run however fast they are, not only by the last round after them
    AtomicInteger writerRounds = new AtomicInteger();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread caller = new Thread(() -> {
        for (int phase = 0; phase < phases; phase++) {
          for (int i = 0; i < checksEachPhase; i++) {
            lines.offer(FLAG, "s", 0, clock.addAndGet(50_000)); // 20,000 checks a simulated second
            if (countedByTheFlag) {
              counted.increment();
            }
          }
          int seen = writerRounds.get();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // a writer that died must fail the test, not hang it
          while (writerRounds.get() < seen + 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
      });
      callers.add(caller);
    }
    Thread writer = new Thread(() -> {
      do {
        lines.writeTo(written, true, clock.get(), false);
        writerRounds.incrementAndGet();
      } while (callers.stream().anyMatch(Thread::isAlive));
    });
    AtomicLong toldBySummary = new AtomicLong();
    Thread summary = new Thread(() -> { // the periodic lines_left_out, racing the writer and the callers
      while (callers.stream().anyMatch(Thread::isAlive)) {
        toldBySummary.addAndGet(lines.writeTo(written, true, clock.get(), true));
        Thread.yield();
      }
    });
    for (Thread caller : callers) {
      caller.start();
    }
    writer.start();
    summary.start();
    for (Thread caller : callers) {
      caller.join();
    }
    writer.join();
    summary.join();
    int writtenWhileCalled = written.shoppers.size();

    long rest = lines.writeTo(written, true, clock.get(), true);
    assertEquals((long) threads * phases * checksEachPhase, written.told() + toldBySummary.get() + rest);
    assertTrue(writtenWhileCalled > perSecond,
        "lines were written while the callers ran, in more than one second: " + writtenWhileCalled);
    for (LongAdder inSecond : linesPerSecond.values()) {
      assertTrue(inSecond.sum() <= perSecond, "at most " + perSecond + " lines a second: " + linesPerSecond);
    }
  }
}
