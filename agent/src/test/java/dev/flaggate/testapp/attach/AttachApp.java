package dev.flaggate.testapp.attach;

import dev.flaggate.FlagGate;
import dev.flaggate.testapp.Trace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Started without {@code -javaagent}: calls its gated method (warm enough to be compiled), prints
 * {@code WAITING}, and once a line arrives on stdin (the test attached the agent meanwhile) calls
 * it again. Prints {@code PROBE phase-shopper | answer | bodies that ran} and what FlagGate says.
 */
public final class AttachApp {

  private AttachApp() {}

  public static void main(String[] args) throws Exception {
    Greeting greeting = new Greeting();
    PluginGreeting pluginGreeting = new PluginGreeting();
    boolean anyOn = false;
    for (int i = 0; i < 20_000; i++) { // compiled code must be deoptimised by the retransformation
      greeting.hello("attach-warmup");
      anyOn |= FlagGate.isEnabled("ATTACH_GREETING_V2", "attach-on");
      if (i % 1_000 == 0) {
        Trace.drain();
      }
    }
    Trace.drain();
    System.out.println("WARM " + anyOn);
    report("before", greeting);
    reportPlugin("before", pluginGreeting);
    System.out.println("WAITING");
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    report("after", greeting);
    reportPlugin("after", pluginGreeting);
  }

  private static void reportPlugin(String phase, PluginGreeting greeting) throws InterruptedException {
    for (String shopper : new String[] {"attach-on", "attach-off"}) {
      String answer = greeting.hello(shopper);
      System.out.println("PROBE " + phase + "-plugin-" + shopper + " | " + answer + " | " + String.join(",", Trace.await(1)));
    }
  }

  private static void report(String phase, Greeting greeting) throws InterruptedException {
    System.out.println("ATTACHED-" + phase + " " + FlagGate.agentAttached());
    System.out.println("DECISION-" + phase + " " + FlagGate.evaluate("ATTACH_GREETING_V2", "attach-on"));
    System.out.println("ENABLED-" + phase + " " + FlagGate.isEnabled("ATTACH_GREETING_V2", "attach-on"));
    for (String shopper : new String[] {"attach-on", "attach-off"}) {
      String answer = greeting.hello(shopper);
      System.out.println("PROBE " + phase + "-" + shopper + " | " + answer + " | " + String.join(",", Trace.await(1)));
    }
  }
}
