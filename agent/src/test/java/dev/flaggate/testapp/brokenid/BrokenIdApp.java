package dev.flaggate.testapp.brokenid;

/** Calls gated methods with shopper ids that can and cannot be read, and prints what ran. */
public final class BrokenIdApp {

  private BrokenIdApp() {}

  public static void main(String[] args) {
    Orders orders = new Orders();
    System.out.println("RESULT place(s1)=" + orders.place(new Order("s1"))
        + " place(none)=" + orders.place(new Order(null))
        + " cancel(s1)=" + orders.cancel("s1")
        + " cancel(broken)=" + orders.cancel(new CustomerId()));
  }
}
