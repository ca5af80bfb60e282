package dev.flaggate.testapp.metrics;

import dev.flaggate.testapp.SecondaryPool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A dual-run workload with known counts, run with a one-thread secondary pool without a queue:
 * each call waits for the pool to be idle, except the slow burst, whose second and third
 * secondaries find the pool busy. Prints {@code WORKLOAD DONE}, then waits for a line on stdin
 * (the test scrapes meanwhile) before exiting.
 */
public final class MetricsApp {

  /** Calls of {@link Pricing#price} per shopper: two allowlisted (one diverging), one not. */
  public static final String[][] PRICE_CALLS = {
    {"mx-shopper-alma", "5"}, {Pricing.DIVERGING_SHOPPER, "3"}, {"mx-shopper-erno", "2"}
  };

  public static final int TAX_CALLS = 2;
  public static final int SHIPPING_CALLS = 3;

  private MetricsApp() {}

  public static void main(String[] args) throws Exception {
    Pricing pricing = new Pricing();
    for (String[] shopper : PRICE_CALLS) {
      for (int i = 0; i < Integer.parseInt(shopper[1]); i++) {
        pricing.price(shopper[0], 100);
        SecondaryPool.awaitIdle();
      }
    }
    for (int i = 0; i < TAX_CALLS; i++) {
      pricing.tax("mx-shopper-alma");
      SecondaryPool.awaitIdle();
    }
    for (int i = 0; i < SHIPPING_CALLS; i++) { // back to back: the first secondary holds the only thread
      pricing.shipping("mx-shopper-alma");
    }
    SecondaryPool.awaitIdle();
    BrokenPricing broken = new BrokenPricing();
    System.out.println("BROKEN " + broken.discount("mx-shopper-alma") + " " + broken.surcharge("mx-shopper-alma"));
    System.out.println("WORKLOAD DONE");
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("EXIT");
  }
}
