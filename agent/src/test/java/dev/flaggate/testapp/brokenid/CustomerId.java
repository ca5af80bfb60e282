package dev.flaggate.testapp.brokenid;

/** A shopper id type whose {@code toString()} throws (a lazily loaded id whose load fails). */
public final class CustomerId implements CharSequence {

  @Override
  public String toString() {
    throw new IllegalStateException("customer id not loaded");
  }

  @Override
  public int length() {
    return 0;
  }

  @Override
  public char charAt(int index) {
    throw new IndexOutOfBoundsException(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return this;
  }
}
