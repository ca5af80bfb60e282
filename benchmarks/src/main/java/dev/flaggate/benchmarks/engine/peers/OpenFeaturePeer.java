package dev.flaggate.benchmarks.engine.peers;

import dev.flaggate.benchmarks.engine.Shoppers;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.ContextEvaluator;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The OpenFeature Java SDK with its {@link InMemoryProvider}. The in-memory provider has no
 * targeting rules of its own, only a per-flag {@link ContextEvaluator}: ours implements the same
 * rows with a {@code HashSet} and the contract's bucket, and the kill switch is OpenFeature's own
 * {@code disabled} flag. What is measured is OpenFeature's evaluation pipeline around that rule
 * (context, hooks, details) as an application calls it: {@code getBooleanValue(flag, false, ctx)}
 * with a new {@code ImmutableContext(shopperId)} per call.
 */
@State(Scope.Benchmark)
public class OpenFeaturePeer extends Peer {

  public Client client;

  @Setup(Level.Trial)
  public void setUp() {
    Set<String> allowed = Set.of(Shoppers.ALLOWED);
    Set<String> denied = Set.of(Shoppers.DENIED);
    Map<String, Flag<?>> flags = Map.of(
        Shoppers.ALLOWLIST, flag(ctx -> allowed.contains(ctx.getTargetingKey()), false),
        Shoppers.DENYLIST, flag(ctx -> !denied.contains(ctx.getTargetingKey()) && allowed.contains(ctx.getTargetingKey()), false),
        Shoppers.KILLED, flag(ctx -> allowed.contains(ctx.getTargetingKey()), true),
        Shoppers.PERCENT, flag(ctx -> Shoppers.inPercent(ctx.getTargetingKey()), false));
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    api.setProviderAndWait(new InMemoryProvider(flags));
    client = api.getClient();
    verify();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    OpenFeatureAPI.getInstance().shutdown();
  }

  @Override
  public boolean isEnabled(String flag, String shopperId) {
    return client.getBooleanValue(flag, false, new ImmutableContext(shopperId));
  }

  @Override
  protected String name() {
    return "openfeature";
  }

  @Override
  protected boolean contractBuckets() {
    return true;
  }

  private interface Rule {
    boolean on(dev.openfeature.sdk.EvaluationContext context);
  }

  private static Flag<Boolean> flag(Rule rule, boolean disabled) {
    ContextEvaluator<Boolean> evaluator = (flag, context) -> rule.on(context);
    return Flag.<Boolean>builder()
        .variant("on", true)
        .variant("off", false)
        .defaultVariant("off")
        .contextEvaluator(evaluator)
        .disabled(disabled)
        .build();
  }
}
