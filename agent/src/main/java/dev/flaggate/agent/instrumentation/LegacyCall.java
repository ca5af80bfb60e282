package dev.flaggate.agent.instrumentation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Bound to a direct call of the legacy method with the gated method's own receiver and arguments, its result boxed ({@code null} for {@code void}). Used only inside {@link RoutingAdvice}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface LegacyCall {}
