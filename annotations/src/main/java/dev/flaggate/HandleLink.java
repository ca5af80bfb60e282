package dev.flaggate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The API's link to the agent when it cannot call the bridge by name ({@link AgentLink}): no agent
 * yet (one may be attached to the running JVM later), or a class loader that does not delegate
 * {@code dev.flaggate.bootstrap} to the bootstrap loader. Initialised only then.
 *
 * <p>Each entry point is a {@link MutableCallSite}: the JIT treats its target as a constant, so a
 * check costs what a direct call to the bridge costs, yet the target can still change when an agent
 * is attached after this class was initialised (the agent calls {@code AgentLink.relink()}). The
 * bridge answers with an {@code int} code ({@code reasonIndex << 1 | enabled}) so that no {@link
 * Decision} crosses class loaders and nothing is allocated per check.
 */
final class HandleLink {

  private static final MethodType EVALUATE_TYPE = MethodType.methodType(int.class, String.class, String.class);
  private static final MethodType IN_SHADOW_TYPE = MethodType.methodType(boolean.class);

  private static final MutableCallSite EVALUATE_SITE = new MutableCallSite(absentEvaluate());
  private static final MutableCallSite IN_SHADOW_SITE =
      new MutableCallSite(MethodHandles.constant(boolean.class, false));
  private static final MethodHandle EVALUATE = EVALUATE_SITE.dynamicInvoker();
  private static final MethodHandle IN_SHADOW = IN_SHADOW_SITE.dynamicInvoker();

  /** Decisions by code; replaced whole on relink. */
  private static volatile Decision[] decisions = new Decision[0];
  private static volatile boolean attached;

  static {
    relink();
  }

  private HandleLink() {}

  static int evaluateCode(String flag, String shopperId) throws Throwable {
    return (int) EVALUATE.invokeExact(flag, shopperId);
  }

  static Decision[] decisions() {
    return decisions;
  }

  static boolean inShadow() throws Throwable {
    return (boolean) IN_SHADOW.invokeExact();
  }

  static boolean attached() {
    return attached;
  }

  /**
   * Looks for the agent's bridge in the bootstrap class loader and, when found, points every entry
   * point at it.
   *
   * @return whether the agent is now linked
   */
  static synchronized boolean relink() {
    if (attached) {
      return true;
    }
    try {
      Class<?> bridge = Class.forName(AgentLink.BRIDGE_CLASS, true, null);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      if (!(boolean) lookup.findStatic(bridge, "attached", IN_SHADOW_TYPE).invokeExact()) {
        return false; // the bridge is there but the agent could not install its transformer
      }
      MethodHandle evaluate = lookup.findStatic(bridge, "evaluate", EVALUATE_TYPE);
      MethodHandle inShadow = lookup.findStatic(bridge, "inShadow", IN_SHADOW_TYPE);
      String[] reasons = (String[]) lookup.findStatic(bridge, "reasonWords", MethodType.methodType(String[].class))
          .invokeExact();
      decisions = Decision.table(reasons);
      EVALUATE_SITE.setTarget(evaluate);
      IN_SHADOW_SITE.setTarget(inShadow);
      MutableCallSite.syncAll(new MutableCallSite[] {EVALUATE_SITE, IN_SHADOW_SITE});
      attached = true;
    } catch (ClassNotFoundException noAgent) {
      attached = false;
    } catch (Throwable incompatibleBridge) {
      // an agent of another version whose bridge does not fit: behave as if absent, never fail the app
      attached = false;
    }
    return attached;
  }

  private static MethodHandle absentEvaluate() {
    // agent absent: code of "off, agent_absent" is out of any table, so evaluate() maps it to AGENT_ABSENT
    return MethodHandles.dropArguments(MethodHandles.constant(int.class, -2), 0, String.class, String.class);
  }
}
