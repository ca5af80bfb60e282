package dev.flaggate.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the agent does behind the bridge. The agent, loaded by the system class loader, installs one
 * implementation in {@link GatedCalls} at start-up; instrumented classes and API jars in any class
 * loader reach it through the bootstrap class loader.
 *
 * <p>Every method must be safe to call from any thread and must not throw, except
 * {@link #linkComplexCall} whose failure surfaces as a linkage error of the gated call.
 */
public abstract class Dispatcher {

  /**
   * Decides the route of one call of gated method {@code site}: one of the {@link GatedCalls} route
   * constants.
   *
   * @param site the site id assigned when the method was instrumented
   * @param siteState the state the agent published for {@code site}, or {@code null} if none yet
   * @param shopperArgument the argument that identifies the shopper, or {@code null}
   */
  public abstract int route(int site, Object siteState, Object shopperArgument);

  /**
   * The route of one call of {@code site} could not be asked: the shopper id's accessor or
   * {@code toString()} threw, or the agent failed. The call goes to legacy and this tells the
   * operator; except for the re-entry that runs the new body on purpose (a secondary's, a timed
   * call's), whose route was chosen already: it runs the body. By default (before the agent routes)
   * nothing is told, and the answer is legacy.
   *
   * @return {@link GatedCalls#LEGACY}, or {@link GatedCalls#NEW} for an armed re-entry
   */
  public int routeFailed(int site, Throwable failure) {
    return GatedCalls.LEGACY;
  }

  /** A sampled primary run of {@code site} finished; {@code newPath} says which body ran. */
  public abstract void primaryDone(int site, boolean newPath, long startNanos);

  /** The current thread's next entry into {@code site} must run the method's own body, not route. */
  public abstract void bypassNext(int site);

  /** The sampled new-body call armed by {@link #bypassNext} returned or threw. */
  public abstract void newBodyDone(int site, long startNanos);

  /** Links the call site used when {@link #route} answered {@link GatedCalls#COMPLEX}. */
  public abstract CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int site) throws Throwable;

  /** The canonical check for the API jar: a decision code ({@code reasonIndex << 1 | enabled}). */
  public abstract int evaluate(String flag, String shopperId);

  /** The decision table's reason words, indexed by reason index. */
  public abstract String[] reasonWords();

  /** Whether the current thread runs the secondary execution of a gated call. */
  public abstract boolean inShadow();
}
