package dev.flaggate.agent.instrumentation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Bound to the argument that identifies the shopper (boxed when primitive), or {@code null}. Used only inside {@link RoutingAdvice}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface ShopperArgument {}
