package dev.flaggate.testapp.optional;

/** Calls {@link Notifier#notify} and prints what the caller got, answer or throwable. */
public final class OptionalDependencyApp {

  private OptionalDependencyApp() {}

  public static void main(String[] args) throws InterruptedException {
    Notifier notifier = new Notifier();
    StringBuilder got = new StringBuilder();
    for (String shopper : new String[] {"s1", "s1", "s2"}) {
      try {
        got.append(notifier.notify(shopper)).append(',');
      } catch (Throwable e) {
        got.append("threw ").append(e).append(',');
      }
    }
    System.out.println("RESULT " + got);
    // the two secondaries (s1's calls) ran; a moment more and their comparisons are logged
    System.out.println("SECONDARIES " + Notifier.SECONDARIES.await(20, java.util.concurrent.TimeUnit.SECONDS));
    Thread.sleep(200);
  }
}
