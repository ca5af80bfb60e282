package dev.flaggate.benchmarks.engine.peers;

import dev.flaggate.benchmarks.engine.Shoppers;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.core.FlippingExecutionContext;
import org.ff4j.strategy.BlackListStrategy;
import org.ff4j.strategy.ClientFilterStrategy;
import org.ff4j.strategy.PonderationStrategy;
import org.ff4j.strategy.WhiteListStrategy;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * FF4J with its default in-memory store, audit off. The allowlist is a {@link WhiteListStrategy},
 * the denylist a {@link BlackListStrategy} (FF4J gives a feature one strategy, so this flag has no
 * allowlist besides), the kill switch a disabled feature, the percent a {@link
 * PonderationStrategy} (a random draw per call, so only its share is checked). Each call builds a
 * {@link FlippingExecutionContext} holding the shopper id, as an application does per request.
 */
@State(Scope.Benchmark)
public class Ff4jPeer extends Peer {

  public FF4j ff4j;

  @Setup(Level.Trial)
  public void setUp() {
    ff4j = new FF4j().audit(false).autoCreate(false);
    String allowed = String.join(",", Shoppers.ALLOWED);
    ff4j.createFeature(feature(Shoppers.ALLOWLIST, true, new WhiteListStrategy(allowed)));
    ff4j.createFeature(feature(Shoppers.DENYLIST, true, new BlackListStrategy(String.join(",", Shoppers.DENIED))));
    ff4j.createFeature(feature(Shoppers.KILLED, false, new WhiteListStrategy(allowed)));
    ff4j.createFeature(feature(Shoppers.PERCENT, true, new PonderationStrategy(Shoppers.PERCENT_VALUE / 100.0)));
    verify();
  }

  @Override
  public boolean isEnabled(String flag, String shopperId) {
    FlippingExecutionContext context = new FlippingExecutionContext();
    context.putString(ClientFilterStrategy.CLIENT_HOSTNAME, shopperId);
    return ff4j.check(flag, context);
  }

  @Override
  protected String name() {
    return "ff4j";
  }

  @Override
  protected boolean contractBuckets() {
    return false;
  }

  private static Feature feature(String name, boolean enabled, org.ff4j.core.FlippingStrategy strategy) {
    Feature feature = new Feature(name, enabled);
    feature.setFlippingStrategy(strategy);
    return feature;
  }
}
