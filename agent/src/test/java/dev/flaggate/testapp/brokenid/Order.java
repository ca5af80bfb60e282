package dev.flaggate.testapp.brokenid;

/** An order whose {@code shopperId()} accessor throws when the order has no customer. */
public final class Order {

  private final String customer;

  public Order(String customer) {
    this.customer = customer;
  }

  public String shopperId() {
    if (customer == null) {
      throw new IllegalStateException("order without a customer");
    }
    return customer;
  }
}
