package dev.flaggate.testapp;

import dev.flaggate.FlagGated;
import dev.flaggate.ShopperId;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** A class the agent has never seen: gated methods of every shape. */
public class Checkout {

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyQuote")
  public String quote(@ShopperId String shopper, int cents) {
    Trace.ran("new");
    return "new:" + shopper + ":" + cents;
  }

  private String legacyQuote(String shopper, int cents) {
    Trace.ran("legacy");
    return "legacy:" + shopper + ":" + cents;
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyTotal")
  public static long total(String shopperId, long a, long b) {
    Trace.ran("new");
    return a * b;
  }

  private static long legacyTotal(String shopperId, long a, long b) {
    Trace.ran("legacy");
    return a + b;
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyRatio")
  double ratio(String shopperId, double x) {
    Trace.ran("new");
    return x * 2;
  }

  double legacyRatio(String shopperId, double x) {
    Trace.ran("legacy");
    return x / 2;
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyEligible")
  boolean eligible(String shopperId) {
    Trace.ran("new");
    return true;
  }

  private boolean legacyEligible(String shopperId) {
    Trace.ran("legacy");
    return false;
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyDigits")
  int[] digits(String shopperId) {
    Trace.ran("new");
    return new int[] {1, 2, 3};
  }

  private int[] legacyDigits(String shopperId) {
    Trace.ran("legacy");
    return new int[] {9};
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyItems")
  protected List<String> items(String shopperId) {
    Trace.ran("new");
    return List.of("a", "b");
  }

  private List<String> legacyItems(String shopperId) {
    Trace.ran("legacy");
    return List.of("old");
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyAudit")
  public void audit(String shopperId, StringBuilder out) {
    Trace.ran("new");
    if (!dev.flaggate.FlagGate.inShadow()) { // the documented way to keep a secondary harmless
      out.append("new-audit");
    }
  }

  private void legacyAudit(String shopperId, StringBuilder out) {
    Trace.ran("legacy");
    if (!dev.flaggate.FlagGate.inShadow()) { // as secondary in dual-run, legacy must not write either
      out.append("legacy-audit");
    }
  }

  /** Void without legacy: "off" skips the body. */
  @FlagGated("CHECKOUT_V2")
  public void notifyNewSystem(String shopperId) {
    Trace.ran("new");
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyLoad")
  public String load(String shopperId) throws IOException {
    Trace.ran("new");
    throw new IOException("new store unreachable");
  }

  private String legacyLoad(String shopperId) throws IOException {
    Trace.ran("legacy");
    return "loaded";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyFragile")
  public String fragile(String shopperId) {
    Trace.ran("new");
    return "fine";
  }

  private String legacyFragile(String shopperId) {
    Trace.ran("legacy");
    throw new IllegalStateException("legacy broke");
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForOrder")
  public String forOrder(@ShopperId Order order) {
    Trace.ran("new");
    return "new-order";
  }

  private String legacyForOrder(Order order) {
    Trace.ran("legacy");
    return "legacy-order";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForUuid")
  public String forUuid(@ShopperId UUID shopper) {
    Trace.ran("new");
    return "new-uuid";
  }

  private String legacyForUuid(UUID shopper) {
    Trace.ran("legacy");
    return "legacy-uuid";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForNumber")
  public String forNumber(long shopperId) {
    Trace.ran("new");
    return "new-number";
  }

  private String legacyForNumber(long shopperId) {
    Trace.ran("legacy");
    return "legacy-number";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForBuffer")
  public String forBuffer(@ShopperId StringBuffer shopper) {
    Trace.ran("new");
    return "new-buffer";
  }

  private String legacyForBuffer(StringBuffer shopper) {
    Trace.ran("legacy");
    return "legacy-buffer";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForCart")
  public String forCart(@ShopperId Cart cart) {
    Trace.ran("new");
    return "new-cart";
  }

  private String legacyForCart(Cart cart) {
    Trace.ran("legacy");
    return "legacy-cart";
  }

  @FlagGated(value = "CHECKOUT_V2", legacy = "legacyForRequest")
  public String forRequest(@ShopperId RequestBound request) {
    Trace.ran("new");
    return "new-request";
  }

  private String legacyForRequest(RequestBound request) {
    Trace.ran("legacy");
    return "legacy-request";
  }

  /**
   * A request whose shopper can be read only on the thread that made it, as a request-scoped proxy
   * or a lazily loaded entity: a secondary's thread must not need it to run the new body.
   */
  public static final class RequestBound {
    private final String shopperId;
    private final Thread owner = Thread.currentThread();

    public RequestBound(String shopperId) {
      this.shopperId = shopperId;
    }

    public String getShopperId() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("No thread-bound request found");
      }
      return shopperId;
    }
  }

  /** Something owned by a shopper: the accessor is an interface default method. */
  public interface Owned {
    String owner();

    default String shopperId() {
      return owner();
    }
  }

  /** A cart whose shopper comes from the {@link Owned} default accessor. */
  public record Cart(String owner) implements Owned {}

  /** An order that carries its shopper: the agent reads it through getShopperId(). */
  public static final class Order {
    private final String shopperId;

    public Order(String shopperId) {
      this.shopperId = shopperId;
    }

    public String getShopperId() {
      return shopperId;
    }
  }
}
