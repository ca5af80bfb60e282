package dev.flaggate.testapp.boot;

import dev.flaggate.FlagGate;
import dev.flaggate.testapp.Trace;
import java.util.List;

/**
 * The {@code Start-Class} of a Spring Boot executable jar: this class in {@code BOOT-INF/classes/},
 * the API jar in {@code BOOT-INF/lib/}, both loaded by Boot's own class loader. Arguments are
 * {@code shopper:expectedBodies} pairs; prints {@code PROBE shopper | answer | bodies that ran}.
 */
public final class BootApp {

  private BootApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("ATTACHED " + FlagGate.agentAttached());
    System.out.println("DECISION " + FlagGate.evaluate("BOOT_SHIPPING_V2", "boot-on"));
    System.out.println("API_LOADER " + FlagGate.class.getClassLoader().getClass().getName());
    System.out.println("API_FROM " + FlagGate.class.getProtectionDomain().getCodeSource().getLocation());
    System.out.println("APP_LOADER " + Shipping.class.getClassLoader().getClass().getName());
    Shipping shipping = new Shipping();
    for (String arg : args) {
      String shopper = arg.substring(0, arg.indexOf(':'));
      String answer = shipping.quote(shopper);
      List<String> ran = Trace.await(Integer.parseInt(arg.substring(arg.indexOf(':') + 1)));
      System.out.println("PROBE " + shopper + " | " + answer + " | " + String.join(",", ran.stream().sorted().toList()));
    }
  }
}
