package dev.flaggate.testapp;

import java.util.List;

/**
 * Runs one misbehaving-secondary scenario and prints what the caller saw and which bodies ran:
 * {@code RESULT ...}, {@code EVENTS ...}, {@code FACT name=value}.
 */
public final class ExperimentApp {

  private ExperimentApp() {}

  public static void main(String[] args) throws Exception {
    Experiments experiments = new Experiments();
    switch (args[0]) {
      case "slow" -> {
        String answer = experiments.slow("shopper_001");
        // the secondary is still blocked on RELEASE: had the caller waited for it, we would not be here yet
        System.out.println("FACT returnedBeforeSecondaryFinished=" + !Experiments.slowNewFinished);
        System.out.println("RESULT " + answer);
        Experiments.RELEASE.countDown();
        System.out.println("EVENTS " + String.join(",", Trace.await(2)));
      }
      case "fullPool" -> {
        String first = experiments.slow("shopper_001");   // occupies the only secondary thread
        String second = experiments.slow("shopper_002");  // pool full: skipped, never queued
        System.out.println("RESULT " + first + "," + second);
        Experiments.RELEASE.countDown();
        List<String> events = Trace.await(4);
        System.out.println("EVENTS " + String.join(",", events));
        System.out.println("FACT newRuns=" + events.stream().filter(e -> e.startsWith("new@")).count());
      }
      case "varargs" -> {
        System.out.println("RESULT " + experiments.join("shopper_001", "a", "b"));
        System.out.println("EVENTS " + String.join(",", Trace.await(2)));
      }
      case "timeout" -> {
        System.out.println("RESULT " + experiments.hang("shopper_001"));
        System.out.println("EVENTS " + String.join(",", Trace.await(3)));
      }
      case "explode" -> {
        System.out.println("RESULT " + experiments.explode("shopper_001"));
        System.out.println("EVENTS " + String.join(",", Trace.await(2)));
      }
      case "nested" -> {
        System.out.println("RESULT " + experiments.outer("shopper_001"));
        System.out.println("EVENTS " + String.join(",", Trace.await(4)));
      }
      case "exitWhilePending" -> {
        System.out.println("RESULT " + experiments.slow("shopper_001"));
        Trace.await(2);
        // RELEASE is never counted down: the secondary is still blocked when main returns
        System.out.println("FACT mainReturning=true");
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
