package dev.flaggate.agent.instrumentation;

import dev.flaggate.bootstrap.GatedCalls;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every gated method. Never loaded as a class by the application: Byte Buddy
 * copies these two methods' bytecode into the gated method, binding the custom annotations per
 * method (see {@link GatedMethodTransformer}).
 *
 * <p>Entry asks the bridge for the route. Only {@code NEW} runs the original body; for every other
 * route the body is skipped and exit supplies the return value: by calling the legacy method
 * directly from the class's own bytecode (so a private legacy method just works, with no reflection
 * and nothing allocated), or by an invokedynamic call into the agent for shadow and dual-run. If
 * anything fails on entry, the suppressed exception leaves {@code route} at {@code LEGACY}.
 */
final class RoutingAdvice {

  private RoutingAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class, suppress = Throwable.class)
  static boolean enter(
      @SiteId int site,
      @ShopperHolder Object holder,
      @ShopperArgument Object shopper,
      @Advice.Local("route") int route,
      @Advice.Local("start") long start) {
    // a null holder must not reach an accessor call: with no shopper, the rule says no_shopper
    route = GatedCalls.route(site, holder == null ? null : shopper);
    if (route == GatedCalls.NEW_TIMED) {
      start = System.nanoTime();
    }
    return route == GatedCalls.NEW || route == GatedCalls.NEW_TIMED;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
  static void exit(
      @SiteId int site,
      @Advice.Local("route") int route,
      @Advice.Local("start") long start,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @LegacyCall Object legacyResult,
      @ComplexCall Object complexResult) {
    // each read of legacyResult / complexResult below IS the call: Byte Buddy inlines the call there
    if (route == GatedCalls.LEGACY) {
      returned = legacyResult;
    } else if (route == GatedCalls.LEGACY_TIMED) {
      long legacyStart = System.nanoTime();
      returned = legacyResult;
      GatedCalls.primaryDone(site, false, legacyStart);
    } else if (route == GatedCalls.NEW_TIMED) {
      GatedCalls.primaryDone(site, true, start);
    } else if (route == GatedCalls.COMPLEX) {
      returned = complexResult;
    }
  }
}
