package dev.flaggate.agent.routing;

/**
 * Per-thread state of routing, touched only off the fast path: while a thread runs a secondary, while
 * it re-enters a gated method to run its new body on purpose, and between the route decision of a
 * complex call and its execution.
 */
final class ExecutionContext {

  // a subclass, not ThreadLocal.withInitial(ExecutionContext::new): the first gated call comes
  // here, and a method reference would spin a lambda class on its way
  private static final ThreadLocal<ExecutionContext> CURRENT = new ThreadLocal<>() {
    @Override
    protected ExecutionContext initialValue() {
      return new ExecutionContext();
    }
  };

  /** The site whose next entry on this thread must run its own body without routing, or -1. */
  int bypassSite = -1;
  /** True while this thread runs the secondary side of a gated call. */
  boolean inSecondary;
  /** The site whose shadow or dual-run primary this thread runs now, or -1. */
  int primarySite = -1;
  /** The decision of the complex call about to run on this thread (set by route, taken by the call). */
  ComplexDecision pending;
  /** The secondary task this pool thread runs now, or {@code null}. */
  SecondaryExecutor.SecondaryTask task;

  static ExecutionContext current() {
    return CURRENT.get();
  }

  /** Whether the secondary running on this thread outlived its timeout: its outcome is dropped. */
  boolean secondaryAbandoned() {
    SecondaryExecutor.SecondaryTask current = task;
    return current != null && current.timedOut();
  }

  ComplexDecision takePending(int site) {
    ComplexDecision decision = pending;
    pending = null;
    return decision != null && decision.site() == site ? decision : null;
  }
}
