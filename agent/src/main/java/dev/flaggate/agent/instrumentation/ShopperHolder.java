package dev.flaggate.agent.instrumentation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bound to the shopper parameter itself (or {@code null} when there is none), so the advice can test
 * it for {@code null} before reading {@link ShopperArgument}, which may call an accessor on it. Used
 * only inside {@link RoutingAdvice}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface ShopperHolder {}
