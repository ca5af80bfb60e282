package dev.flaggate.agent.rollout;

import dev.flaggate.agent.config.ParsedConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiled rules of every known flag, from one state of the sources. Immutable: a reload builds
 * a new snapshot and {@link RolloutEngine} swaps it in with one volatile write, so a reader sees
 * the whole of one config or the whole of the next, never a mix, and never takes a lock. All flags
 * of one gated call (the flag and its shadow and dual-run companions) are read from one snapshot.
 */
public final class RolloutSnapshot {

  private static final FlagRule NAMELESS = FlagRule.none("(no flag name)");

  private static final AtomicLong VERSIONS = new AtomicLong();

  private final RuleResolver resolver;
  private final Map<String, FlagRule> rules;
  /**
   * Which snapshot this is, unique in the JVM: what a holder of one flag's rule compares to know
   * whether its rule is still current, without holding on to the whole snapshot (a holder that is
   * not asked again would otherwise keep an old snapshot, and every table in it, alive).
   */
  private final long version = VERSIONS.incrementAndGet();
  /** The same rules for lookups on the decision path: a {@link FlagTable}'s slots and shift. */
  private final Object[] flagSlots;
  private final int flagShift;

  private RolloutSnapshot(RuleResolver resolver, Map<String, FlagRule> rules) {
    this.resolver = resolver;
    this.rules = rules;
    this.flagSlots = FlagTable.slots(rules);
    this.flagShift = FlagTable.shift(flagSlots);
  }

  /** The rules of the file's flags and of {@code registered}, all resolved by {@code resolver}. */
  static RolloutSnapshot build(RuleResolver resolver, Collection<String> registered) {
    Map<String, FlagRule> rules = new HashMap<>();
    if (resolver.file() != null) {
      // interned keys: callers pass literals (interned), so String.equals succeeds on identity at once
      for (String flag : resolver.file().flags().keySet()) {
        rules.put(flag.intern(), resolver.resolve(flag));
      }
    }
    // loops, not lambdas: a snapshot is built on the agent's start path, which spins none
    for (String flag : registered) {
      if (!rules.containsKey(flag)) {
        rules.put(flag.intern(), resolver.resolve(flag));
      }
    }
    return new RolloutSnapshot(resolver, rules);
  }

  /** This snapshot plus the rule of {@code flag}, from the same sources. */
  RolloutSnapshot with(String flag) {
    Map<String, FlagRule> more = new HashMap<>(rules);
    more.put(flag.intern(), resolver.resolve(flag));
    return new RolloutSnapshot(resolver, more);
  }

  /** The compiled rule of {@code flag}, or {@code null} when this snapshot holds none. */
  FlagRule cached(String flag) {
    return flag == null ? NAMELESS : FlagTable.get(flagSlots, flagShift, flag);
  }

  RuleResolver resolver() {
    return resolver;
  }

  /** This snapshot's number, unique in the JVM; a later snapshot has a larger one. */
  public long version() {
    return version;
  }

  /**
   * The rule of {@code flag} in this snapshot. Never {@code null}: a flag the snapshot has not
   * compiled is resolved from the same sources (uncached, so it allocates).
   */
  public FlagRule rule(String flag) {
    FlagRule rule = cached(flag);
    return rule != null ? rule : resolver.resolve(flag);
  }

  /** The {@link DecisionCode} of {@code flag} for {@code shopperId} in this snapshot. */
  public int decide(String flag, String shopperId) {
    return rule(flag).decide(shopperId);
  }

  /** The rules compiled in this snapshot (a view). */
  Collection<FlagRule> compiledRules() {
    return rules.values();
  }

  /** The flags compiled in this snapshot: the file's and those asked for so far. */
  public Set<String> flags() {
    return Set.copyOf(rules.keySet());
  }

  /** Whether some flag of this snapshot turns shadow mode or dual-run on (its own fields). */
  public boolean usesShadowOrDualRun() {
    for (FlagRule rule : rules.values()) { // a loop: called on the agent's start path, which spins no lambda
      if (rule.shadowMode() || rule.dualRun()) {
        return true;
      }
    }
    return false;
  }

  /** The last readable config file this snapshot was built from, if any. */
  public Optional<ParsedConfig> fileConfig() {
    return Optional.ofNullable(resolver.file());
  }
}
