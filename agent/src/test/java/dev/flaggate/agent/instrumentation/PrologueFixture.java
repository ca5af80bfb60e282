package dev.flaggate.agent.instrumentation;

import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;
import java.util.List;

/**
 * Gated methods of awkward shapes for {@link RoutingPrologueTest}: wide and array parameters, a body
 * whose first instruction is a branch target, a void method without legacy, accessors through a
 * default method, bodies that throw. Never loaded as is by the test: it is rewritten first.
 */
public class PrologueFixture {

  public interface HasShopper {
    default String shopperId() {
      if (this instanceof Order order && order.brokenAccessor) {
        throw new IllegalStateException("accessor failed");
      }
      return "from-accessor";
    }
  }

  public static final class Order implements HasShopper {
    final boolean brokenAccessor;

    public Order(boolean brokenAccessor) {
      this.brokenAccessor = brokenAccessor;
    }
  }

  @FlagGated(value = "F", legacy = "legacySum")
  public long sum(@ShopperId long shopperId, double factor, int[] values) {
    long total = 0;
    for (int value : values) {
      total += value;
    }
    return (long) (total * factor);
  }

  private long legacySum(long shopperId, double factor, int[] values) {
    return -1;
  }

  /** A do-while: the body's first instruction is a branch target with a frame of its own. */
  @FlagGated(value = "F", legacy = "legacyCountDown")
  public static int countDown(@ShopperId String shopperId, int n) {
    do {
      n -= 100;
    } while (n > 100);
    return n;
  }

  static int legacyCountDown(String shopperId, int n) {
    return -n;
  }

  @FlagGated("F")
  public void record(@ShopperId Order order, List<String> sink) {
    sink.add("new");
  }

  @FlagGated(value = "F", legacy = "legacyAllowed")
  public boolean allowed(@ShopperId Order order) {
    return true;
  }

  private boolean legacyAllowed(Order order) {
    return false;
  }

  @FlagGated(value = "F", legacy = "legacyFails")
  public String fails(@ShopperId String shopperId) {
    throw new IllegalStateException("new failed");
  }

  private String legacyFails(String shopperId) {
    return "legacy";
  }
}
