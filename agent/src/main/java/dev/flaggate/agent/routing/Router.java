package dev.flaggate.agent.routing;

import dev.flaggate.agent.rollout.DecisionCode;
import dev.flaggate.agent.rollout.FlagRule;
import dev.flaggate.agent.rollout.Reason;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.bootstrap.Dispatcher;
import dev.flaggate.bootstrap.GatedCalls;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decides the route of every gated call: the agent's {@link Dispatcher}.
 *
 * <p>Design note: {@link #route} runs on every call of every gated method, so its common paths
 * (flag off: legacy; flag on without shadow or dual-run: new) read one volatile snapshot, make one
 * allocation-free decision, bump one counter and return a constant; the instrumented method then
 * calls legacy or falls into its own body without leaving its frame. Only shadow and dual-run touch a
 * thread-local, hand the decision to the complex call site, and allocate.
 */
public final class Router extends Dispatcher {

  private static final int NO_FLAG = DecisionCode.of(false, Reason.INVALID_CONFIG);
  /** Flag names whose hand checks are kept; the API accepts any string, memory must not grow with them. */
  private static final int MAX_HAND_FLAGS = 1_000;
  private static final int RECENT_HAND_CHECKS = 64;

  private final SiteRegistry sites;
  private final RolloutEngine engine;
  private final RoutingTelemetry telemetry;
  private final SecondaryExecutor secondaries;
  private final RoutingOptions options;
  private final int sampleMask;
  /** Caps latency samples at one per tick per method (see {@link GatedSite#sampleNow}). */
  private final LongSupplier sampleClock;
  /** Checks by hand ({@code FlagGate.isEnabled}) by flag name: telemetry and rule in one lookup. */
  private final ConcurrentHashMap<String, HandCheck> handChecks = new ConcurrentHashMap<>();
  /**
   * The hand checks last used, by flag-name hash: a check finds its flag with one array read and a
   * reference comparison (names are mostly literals, so the same string each time) instead of the
   * map's chain of loads. Racy on purpose: a slot holds a whole check or another flag's; either way
   * a miss goes to the map.
   */
  private final HandCheck[] recentHandChecks = new HandCheck[RECENT_HAND_CHECKS];
  /** Non-zero while some thread is about to re-enter a gated method on purpose (see {@link #runBypassed}). */
  private final AtomicInteger bypassesArmed = new AtomicInteger();

  public Router(SiteRegistry sites, RolloutEngine engine, RoutingTelemetry telemetry,
      SecondaryExecutor secondaries, RoutingOptions options, LongSupplier sampleClock) {
    this.sites = sites;
    this.engine = engine;
    this.telemetry = telemetry;
    this.secondaries = secondaries;
    this.options = options;
    this.sampleMask = options.latencySampleEvery() - 1;
    this.sampleClock = sampleClock;
  }

  @Override
  public int route(int siteId, Object siteState, Object shopperArgument) {
    // a plain read is enough: only the thread that armed a bypass consumes it, and it sees its own write
    if (bypassesArmed.getPlain() != 0 && consumeBypass(siteId)) {
      return GatedCalls.NEW;
    }
    GatedSite site = siteState instanceof GatedSite published ? published : sites.get(siteId);
    if (site == null) {
      return GatedCalls.LEGACY;
    }
    String shopperId = ShopperIds.of(shopperArgument);
    GatedSite.SiteRules rules = site.rules(engine.snapshot());
    int code = site.flagRule(rules).decide(shopperId);
    FlagTelemetry flagTelemetry = site.flagTelemetry(telemetry);
    // the check is counted last: its locked add waits for every load before it, and the next call's
    // loads wait for it, so the sample's and the line budget's loads go before it, not after
    if (!DecisionCode.enabled(code)) {
      int legacy = sampleNow(site) ? GatedCalls.LEGACY_TIMED : GatedCalls.LEGACY;
      flagTelemetry.checked(shopperId, code);
      return legacy;
    }
    if (rules.newOnly()) {
      int newPath = sampleNow(site) ? GatedCalls.NEW_TIMED : GatedCalls.NEW;
      flagTelemetry.checked(shopperId, code);
      return newPath;
    }
    flagTelemetry.checked(shopperId, code);
    return routeOn(site, rules, shopperId);
  }

  // out of route(), so that the two common answers above stay small enough to inline into the
  // gated method: companion flags, shadow and dual-run are decided here
  private int routeOn(GatedSite site, GatedSite.SiteRules rules, String shopperId) {
    GatedSite.SiteTelemetry siteTelemetry = site.telemetry(telemetry);
    FlagRule rule = rules.flag();
    // an invalid shadow companion counts as shadow on: the operator's intent is unclear, and legacy
    // answering is the safe reading (contract 4), where "off" would put the new code in front of
    // the caller. An invalid dual-run companion stays off: it decides comparing, not who answers
    boolean shadow = companion(rules.shadowFlag(), siteTelemetry.shadowFlag(), shopperId, rule.shadowMode(), true);
    boolean dualRun = companion(rules.dualRunFlag(), siteTelemetry.dualRunFlag(), shopperId, rule.dualRun(), false);
    if (!shadow && !dualRun) {
      return sampleNow(site) ? GatedCalls.NEW_TIMED : GatedCalls.NEW;
    }
    ExecutionContext context = ExecutionContext.current();
    if (context.inSecondary || context.primarySite == site.id()) {
      // a gated call inside a secondary routes by its own flag but never starts a secondary of its
      // own; nor does a method recursing inside its own primary: the outer call's secondary is the
      // experiment, and one per level would multiply the secondaries by the depth and the stack
      // each level takes (the complex route's frames) until a deep recursion overflowed it
      return shadow ? GatedCalls.LEGACY : GatedCalls.NEW;
    }
    context.pending = new ComplexDecision(site.id(), shopperId, shadow, dualRun);
    return GatedCalls.COMPLEX;
  }

  @Override
  public void primaryDone(int siteId, boolean newPath, long startNanos) {
    long elapsed = System.nanoTime() - startNanos;
    GatedSite site = sites.get(siteId);
    if (site != null) {
      telemetryOf(site).latency(newPath, true, elapsed);
    }
  }

  @Override
  public void bypassNext(int siteId) {
    ExecutionContext.current().bypassSite = siteId;
    bypassesArmed.incrementAndGet();
  }

  @Override
  public void newBodyDone(int siteId, long startNanos) {
    bypassesArmed.decrementAndGet();
    ExecutionContext.current().bypassSite = -1; // consumed on re-entry already, unless that failed
    primaryDone(siteId, true, startNanos);
  }

  @Override
  public CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int siteId) throws Throwable {
    GatedSite site = sites.get(siteId);
    if (site == null) {
      throw new IllegalStateException("flaggate: unknown gated site " + siteId);
    }
    try {
      return ComplexRoute.link(caller, type, site, this);
    } catch (Throwable linkFailed) {
      // shadow and dual-run cannot run for this method: its calls are answered by legacy, as the
      // agent's rule says of its own failures, rather than by a BootstrapMethodError at every call.
      // Should legacy's handle fail too (its return type absent at run time, say), the bridge's
      // call site throws its marker and the prologue calls legacy itself
      telemetryOf(site).agentFault("linking shadow/dual-run of " + site.descriptor().displayName()
          + " (legacy answers its shadow and dual-run calls)", linkFailed);
      return new ConstantCallSite(ComplexRoute.legacyHandle(caller, type, site.descriptor()));
    }
  }

  @Override
  public int routeFailed(int siteId, Throwable failure) {
    // the re-entry that runs the new body (a secondary's, a timed call's) reads the shopper again
    // before it can find its bypass; an accessor that works only on the caller's thread (a
    // request-scoped proxy) throws there. Its route was chosen already: the body, not legacy
    if (bypassesArmed.getPlain() != 0 && consumeBypass(siteId)) {
      return GatedCalls.NEW;
    }
    GatedSite site = sites.get(siteId);
    if (site != null) {
      telemetryOf(site).routeFailed(site.descriptor(), failure);
    }
    return GatedCalls.LEGACY;
  }

  @Override
  public int evaluate(String flag, String shopperId) {
    if (flag == null) {
      return NO_FLAG;
    }
    int slot = flag.hashCode() & (RECENT_HAND_CHECKS - 1);
    HandCheck hand = recentHandChecks[slot];
    if (hand == null || hand.flag() != flag && !hand.flag().equals(flag)) {
      hand = handChecks.get(flag);
      if (hand == null) {
        hand = handCheck(flag);
      }
      recentHandChecks[slot] = hand;
    }
    int code = hand.rule(engine).decide(shopperId);
    hand.telemetry().checked(shopperId, code);
    return code;
  }

  // first check of a flag by hand; past the bound (any string may be asked) nothing is kept
  private HandCheck handCheck(String flag) {
    if (handChecks.size() >= MAX_HAND_FLAGS) {
      return new HandCheck(flag, telemetry.forFlag(flag));
    }
    return handChecks.computeIfAbsent(flag, name -> new HandCheck(name, telemetry.forFlag(name)));
  }

  @Override
  public String[] reasonWords() {
    return Reason.words();
  }

  @Override
  public boolean inShadow() {
    return ExecutionContext.current().inSecondary;
  }

  /** Whether this call of {@code site} is a latency sample (one in latency-sample, capped per tick). */
  boolean sampleNow(GatedSite site) {
    return site.sampleNow(sampleMask, sampleClock);
  }

  FlagTelemetry telemetryOf(GatedSite site) {
    return site.telemetry(telemetry).flag();
  }

  SecondaryExecutor secondaries() {
    return secondaries;
  }

  RoutingOptions options() {
    return options;
  }

  /**
   * Runs {@code body} on this thread so that its next entry into gated method {@code siteId} runs
   * the method's own body instead of routing: how the complex route calls the new body.
   */
  Object runBypassed(int siteId, ThrowingSupplier body) throws Throwable {
    ExecutionContext context = ExecutionContext.current();
    int previous = context.bypassSite;
    context.bypassSite = siteId;
    bypassesArmed.incrementAndGet();
    try {
      return body.get();
    } finally {
      bypassesArmed.decrementAndGet();
      context.bypassSite = previous;
    }
  }

  private static boolean consumeBypass(int siteId) {
    ExecutionContext context = ExecutionContext.current();
    if (context.bypassSite == siteId) {
      context.bypassSite = -1;
      return true;
    }
    return false;
  }

  /**
   * The companion flag's decision when the annotation names one, else the flag's own field; a
   * companion that is invalid ({@code invalid_config}) answers {@code invalidMeans}.
   */
  private static boolean companion(FlagRule companionRule, FlagTelemetry companionTelemetry, String shopperId,
      boolean ownField, boolean invalidMeans) {
    if (companionRule == null) {
      return ownField;
    }
    int code = companionRule.decide(shopperId);
    if (companionTelemetry != null) {
      companionTelemetry.checked(shopperId, code);
    }
    return DecisionCode.reason(code) == Reason.INVALID_CONFIG ? invalidMeans : DecisionCode.enabled(code);
  }

  /** A call that may throw anything, as a gated method may. */
  @FunctionalInterface
  interface ThrowingSupplier {
    Object get() throws Throwable;
  }
}
