package dev.flaggate.agent.rollout;

import dev.flaggate.agent.config.ConfigProblem;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.ParsedConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The decision engine: answers "is flag F on for shopper s, and why" from the current
 * {@link RolloutSnapshot}, and moves to a new snapshot when the config file changes.
 *
 * <p>Design: readers (every gated call) do one volatile read and a hash lookup, never a lock.
 * Writers (a reload, or the first question about a flag not seen before) serialise on a private
 * lock, build a complete new snapshot and publish it with one volatile write. A flag asked for the
 * first time through {@link #rule}, and a gated method's flags ({@link #remember}), are registered
 * so that later snapshots compile them; each registration copies the snapshot, so it stops at a cap,
 * and checks by hand, whose names can be any strings, do not register at all ({@link #handRule}:
 * their holders keep the rule). Past the cap a new name is resolved on every call, which is
 * correct but allocates.
 *
 * <p>Config file states (contract section 4, "Bad content"): before any file content the rules
 * come from the environment; a readable content applies; unreadable content or a deleted file
 * keeps the last readable content; unreadable content before any readable content turns every flag
 * off with {@code invalid_config}.
 */
public final class RolloutEngine {

  private static final int MAX_REGISTERED_FLAGS = 10_000;

  /**
   * Told when a flag's rule comes to be decided by environment variables of which one is bad
   * ({@code F=maybe}, {@code F_PERCENT=150}): that flag is off with {@code invalid_config}, and the
   * operator needs to hear which variable and why, as {@code config_problem} lines say of the file's
   * entries. Told once per flag while it stays so, whether a gated method, a check by hand or a
   * reload (a file entry removed) brought it in; never under the engine's lock.
   */
  @FunctionalInterface
  public interface EnvironmentProblems {
    void badVariables(String flag, List<ConfigProblem> problems);
  }

  private static final EnvironmentProblems UNTOLD = new Untold();

  private final Object writeLock = new Object();
  private final int maxRegistered;
  private final EnvironmentProblems environmentProblems;
  private final Set<String> registered = new HashSet<>(); // guarded by writeLock
  /** Flags whose current rule is environment variables with problems, already told. Guarded by writeLock. */
  private final Set<String> badVariablesTold = new HashSet<>();
  private volatile RolloutSnapshot snapshot;
  private volatile String fileStatus = "no config file read: environment variables only";

  /** An engine whose rules come from {@code environment} until a config file is applied. */
  public RolloutEngine(EnvironmentSource environment) {
    this(environment, UNTOLD);
  }

  /** An engine that tells {@code environmentProblems} of each flag its bad environment variables turn off. */
  public RolloutEngine(EnvironmentSource environment, EnvironmentProblems environmentProblems) {
    this(environment, MAX_REGISTERED_FLAGS, environmentProblems);
  }

  RolloutEngine(EnvironmentSource environment, int maxRegistered) {
    this(environment, maxRegistered, UNTOLD);
  }

  RolloutEngine(EnvironmentSource environment, int maxRegistered, EnvironmentProblems environmentProblems) {
    this.maxRegistered = maxRegistered;
    this.environmentProblems = environmentProblems;
    this.snapshot = RolloutSnapshot.build(new RuleResolver(null, null, environment), Set.of());
  }

  /** The current snapshot; read several flags from one snapshot to see one config. */
  public RolloutSnapshot snapshot() {
    return snapshot;
  }

  /** The {@link DecisionCode} of {@code flag} for {@code shopperId} under the current config. */
  public int decide(String flag, String shopperId) {
    return rule(flag).decide(shopperId);
  }

  /**
   * The current rule of {@code flag}. Never {@code null}: a flag nothing configures gets the
   * {@code default} rule. A name seen for the first time is registered (up to a cap).
   */
  public FlagRule rule(String flag) {
    FlagRule rule = snapshot.cached(flag);
    return rule != null ? rule : register(flag);
  }

  /**
   * Keeps {@code flag} compiled in every later snapshot, whether or not the file names it: a gated
   * method's flag, registered as its method loads. A flag the file names is compiled anyway, but were
   * it not registered, a reload removing its entry would leave it to be resolved uncompiled (and its
   * bad environment variables, which decide it then, untold). Within the same cap as {@link #rule}.
   */
  public void remember(String flag) {
    List<FlagRule> toTell;
    synchronized (writeLock) {
      if (flag == null || registered.size() >= maxRegistered || !registered.add(flag)) {
        return;
      }
      RolloutSnapshot current = snapshot;
      FlagRule rule = current.cached(flag);
      if (rule == null) {
        snapshot = current.with(flag);
        rule = snapshot.cached(flag);
      }
      toTell = badVariablesNotYetTold(List.of(rule));
    }
    tell(toTell);
  }

  /**
   * The rule of {@code flag} in {@code snapshot}, for a check by hand, which keeps the rule itself:
   * the flag is not registered, so that any number of names asked by hand never copies the
   * snapshot (each registration copies its table). Bad environment variables deciding it are told
   * as for any flag.
   */
  public FlagRule handRule(RolloutSnapshot snapshot, String flag) {
    FlagRule rule = snapshot.rule(flag);
    if (rule.origin() == FlagRule.Origin.ENVIRONMENT && !rule.problems().isEmpty()) {
      List<FlagRule> toTell;
      synchronized (writeLock) {
        toTell = badVariablesNotYetTold(List.of(rule));
      }
      tell(toTell);
    }
    return rule;
  }

  /** Applies a new readable content of the config file. */
  public void apply(ParsedConfig config) {
    Objects.requireNonNull(config, "config");
    List<FlagRule> toTell;
    synchronized (writeLock) {
      RuleResolver now = snapshot.resolver();
      snapshot =
          RolloutSnapshot.build(new RuleResolver(config, null, now.environment()), registered);
      fileStatus = "applied";
      toTell = badVariablesNotYetTold(snapshot.compiledRules());
    }
    tell(toTell);
  }

  /**
   * Reports content that could not be read or parsed. Keeps the last readable content; if there
   * never was one, every flag answers off with {@code invalid_config} until one arrives.
   */
  public void fileUnreadable(String error) {
    synchronized (writeLock) {
      RuleResolver now = snapshot.resolver();
      if (now.file() != null) {
        // keep the last good snapshot: a half-written file must never change exposure
        fileStatus = "unreadable, keeping the last readable content: " + error;
        return;
      }
      snapshot =
          RolloutSnapshot.build(new RuleResolver(null, error, now.environment()), registered);
      fileStatus = "unreadable, no readable content yet, every flag is off: " + error;
      badVariablesNotYetTold(snapshot.compiledRules()); // no flag comes from the environment now
    }
  }

  /** Reports that the config file is gone: the last readable content stays in effect. */
  public void fileDeleted() {
    synchronized (writeLock) {
      fileStatus = "deleted: the last readable content, if any, stays in effect";
    }
  }

  /** What the engine last heard about the config file, for logs and diagnostics. */
  public String fileStatus() {
    return fileStatus;
  }

  private FlagRule register(String flag) {
    FlagRule rule;
    List<FlagRule> toTell;
    synchronized (writeLock) {
      RolloutSnapshot current = snapshot;
      rule = current.cached(flag);
      if (rule != null) {
        return rule; // registered by another thread meanwhile, or rebuilt by a reload
      }
      if (registered.size() >= maxRegistered) {
        rule = current.rule(flag);
      } else {
        registered.add(flag);
        snapshot = current.with(flag);
        rule = snapshot.cached(flag);
      }
      toTell = badVariablesNotYetTold(List.of(rule));
    }
    tell(toTell);
    return rule;
  }

  /**
   * Of {@code rules}, those decided by bad environment variables and not told yet; and a flag whose
   * rule is no longer so is forgotten, to be told again should it become so again. Under writeLock.
   */
  private List<FlagRule> badVariablesNotYetTold(Collection<FlagRule> rules) {
    List<FlagRule> toTell = new ArrayList<>(0);
    for (FlagRule rule : rules) {
      if (rule.origin() == FlagRule.Origin.ENVIRONMENT && !rule.problems().isEmpty()) {
        if (badVariablesTold.add(rule.flag())) {
          toTell.add(rule);
        }
      } else {
        badVariablesTold.remove(rule.flag());
      }
    }
    return toTell;
  }

  private void tell(List<FlagRule> rules) {
    for (FlagRule rule : rules) {
      try {
        environmentProblems.badVariables(rule.flag(), rule.problems());
      } catch (RuntimeException ignored) {
        // telling never fails a decision or a reload
      }
    }
  }

  private static final class Untold implements EnvironmentProblems { // not a lambda: built on the start path
    @Override
    public void badVariables(String flag, List<ConfigProblem> problems) {}
  }

  /**
   * Whether percent buckets read a shopper id's own bytes ({@code "bytes"}, where {@code java.lang}
   * is open to the agent) or its chars ({@code "chars"}): the same buckets either way.
   */
  public static String bucketReads() {
    return StringBytes.VALUE != null ? "bytes" : "chars";
  }
}
