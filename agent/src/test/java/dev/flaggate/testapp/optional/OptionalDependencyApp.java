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
    StringBuilder found = new StringBuilder();
    for (String shopper : new String[] {"s1", "s1", "s2"}) {
      try {
        Object plugin = notifier.findPlugin(shopper); // Object: this class must not need Plugin either
        found.append(plugin).append(',');
      } catch (Throwable e) {
        found.append("threw ").append(e).append(',');
      }
    }
    System.out.println("FOUND " + found + " legacy ran " + Notifier.LEGACY_FIND_CALLS.get());
    StringBuilder with = new StringBuilder();
    for (String shopper : new String[] {"s1", "s1", "s2"}) {
      try {
        with.append(notifier.notifyWith(shopper, null)).append(',');
      } catch (Throwable e) {
        with.append("threw ").append(e).append(',');
      }
    }
    System.out.println("WITH " + with);
    // the two secondaries (s1's calls) ran; a moment more and their comparisons are logged
    System.out.println("SECONDARIES " + Notifier.SECONDARIES.await(20, java.util.concurrent.TimeUnit.SECONDS));
    Thread.sleep(200);
  }
}
