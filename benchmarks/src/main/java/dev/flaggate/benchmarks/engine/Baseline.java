package dev.flaggate.benchmarks.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What the decision rows are measured against: a plain {@code HashSet} and pre-encoded bytes. */
@State(Scope.Benchmark)
public class Baseline {

  public final Set<String> allowed = new HashSet<>(List.of(Shoppers.ALLOWED));
  public final Set<String> denied = new HashSet<>(List.of(Shoppers.DENIED));
  /**
   * The same ids as distinct, equal {@code String}s: asked about {@link Shoppers#ALLOWED}, the set
   * must compare text ({@code String.equals}) as an engine that read its lists from a file must,
   * instead of answering on identity. The floor of an exact match on ids that come from requests.
   */
  public final Set<String> allowedCopies = copies(Shoppers.ALLOWED);
  public final Set<String> deniedCopies = copies(Shoppers.DENIED);
  /** The UTF-8 bytes of {@code salt + ":" + visitor}, the input of the bucket hash. */
  public final byte[][] saltedVisitors = new byte[Shoppers.SIZE][];

  private static Set<String> copies(String[] ids) {
    Set<String> copies = new HashSet<>();
    for (String id : ids) {
      copies.add(new String(id.toCharArray()));
    }
    return copies;
  }

  public Baseline() {
    for (int i = 0; i < Shoppers.SIZE; i++) {
      saltedVisitors[i] = (Shoppers.SALT + ":" + Shoppers.VISITORS[i]).getBytes(StandardCharsets.UTF_8);
    }
  }
}
