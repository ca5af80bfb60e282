package dev.flaggate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the <em>new</em> implementation of a method whose calls the Flaggate agent routes, per
 * shopper, between this body and its legacy alternative.
 *
 * <pre>{@code
 * @FlagGated(value = "WHATSAPP_GATEWAY_ENABLED", legacy = "sendViaLegacyGateway")
 * public Receipt send(@ShopperId String shopperId, Message message) { ...new code... }
 *
 * private Receipt sendViaLegacyGateway(String shopperId, Message message) { ...old code... }
 * }</pre>
 *
 * <p>With the agent attached ({@code -javaagent:flaggate-agent.jar}), each call evaluates the flag
 * for the call's shopper and then runs the legacy method (flag off), this body (flag on), or both:
 * in <em>shadow</em> mode the legacy result answers the caller while this body also runs; in
 * <em>dual-run</em> both run and their outcomes are compared. Call sites never change.
 *
 * <p><strong>Without the agent this annotation does nothing</strong>: the method runs its own, new
 * body for everyone. Applications that must never do that check {@link FlagGate#agentAttached()} at
 * start-up.
 *
 * <p>Put it on concrete methods only (not abstract or interface methods); bridge methods are never
 * gated. The annotation processor shipped in this jar rejects misuse at compile time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FlagGated {

  /** The flag that decides, per shopper, whether this new body runs: e.g. {@code "WHATSAPP_GATEWAY_ENABLED"}. */
  String value();

  /**
   * Name of the legacy alternative: a method of the same class with the same parameter types and
   * return type, of any visibility, static if and only if this method is static. May be empty only
   * for {@code void} methods, in which case "flag off" skips the body.
   */
  String legacy() default "";

  /**
   * A companion flag, evaluated for the same shopper, that turns on shadow mode (legacy answers the
   * caller; this body also runs and its result is never used). Empty: the flag's own
   * {@code shadow_mode} setting decides.
   */
  String shadowFlag() default "";

  /**
   * A companion flag, evaluated for the same shopper, that turns on dual-run (both bodies run and
   * their outcomes are compared). Empty: the flag's own {@code dual_run} setting decides.
   */
  String dualRunFlag() default "";

  /**
   * How dual-run compares the two outcomes. Must have a public no-argument constructor. The default
   * compares with {@code equals}, arrays by content and exceptions by class and message.
   */
  Class<? extends ResultComparator> comparator() default ResultComparator.Equality.class;
}
