package dev.flaggate.testapp;

import dev.flaggate.FlagGate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Calls every gated method of {@link Checkout} for one shopper and prints, per call, what the caller
 * got and which bodies ran where: {@code PROBE name | result | events}. Run by the forked-JVM tests.
 */
public final class RoutingApp {

  private RoutingApp() {}

  public static void main(String[] args) throws Exception {
    String shopper = args.length > 0 ? args[0] : "shopper_001";
    // off: one body ran (legacy); on: one (new); both: two (primary and secondary)
    String mode = args.length > 1 ? args[1] : "off";
    int expectedEvents = mode.equals("both") ? 2 : 1;
    int voidWithoutLegacy = mode.equals("off") ? 0 : 1; // off skips it; otherwise only new runs
    Checkout checkout = new Checkout();
    System.out.println("ATTACHED " + FlagGate.agentAttached());
    System.out.println("DECISION " + FlagGate.evaluate("CHECKOUT_V2", shopper));
    // a flag no method is gated by, checked by hand only
    System.out.println("HAND_DECISION " + FlagGate.evaluate("HAND_ONLY_V2", shopper));
    probe("quote", expectedEvents, () -> checkout.quote(shopper, 250));
    probe("total", expectedEvents, () -> Checkout.total(shopper, 6, 7));
    probe("ratio", expectedEvents, () -> checkout.ratio(shopper, 8.0));
    probe("eligible", expectedEvents, () -> checkout.eligible(shopper));
    probe("digits", expectedEvents, () -> Arrays.toString(checkout.digits(shopper)));
    probe("items", expectedEvents, () -> checkout.items(shopper));
    probe("audit", expectedEvents, () -> {
      StringBuilder out = new StringBuilder();
      checkout.audit(shopper, out);
      return out.toString();
    });
    probe("notify", voidWithoutLegacy, () -> {
      checkout.notifyNewSystem(shopper);
      return "done";
    });
    probe("load", expectedEvents, () -> checkout.load(shopper));
    probe("fragile", expectedEvents, () -> checkout.fragile(shopper));
    probe("order", expectedEvents, () -> checkout.forOrder(new Checkout.Order(shopper)));
    probe("nullOrder", expectedEvents, () -> checkout.forOrder(null));
    probe("uuid", expectedEvents, () -> checkout.forUuid(UUID.nameUUIDFromBytes(shopper.getBytes())));
    probe("number", expectedEvents, () -> checkout.forNumber(42L));
    probe("buffer", expectedEvents, () -> checkout.forBuffer(new StringBuffer(shopper)));
    probe("cart", expectedEvents, () -> checkout.forCart(new Checkout.Cart(shopper)));
    probe("request", expectedEvents, () -> checkout.forRequest(new Checkout.RequestBound(shopper)));
    System.out.println("END");
  }

  private static void probe(String name, int expectedEvents, Callable<Object> call) throws InterruptedException {
    String result;
    try {
      Object value = call.call();
      result = String.valueOf(value);
    } catch (Exception e) {
      result = "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    List<String> events = Trace.await(expectedEvents);
    System.out.println("PROBE " + name + " | " + result + " | " + String.join(",", events));
  }
}
