package dev.flaggate.agent.instrumentation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Bound to an invokedynamic call that runs shadow or dual-run through the agent, its result boxed. Used only inside {@link RoutingAdvice}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface ComplexCall {}
