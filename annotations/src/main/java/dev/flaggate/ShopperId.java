package dev.flaggate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link FlagGated} method that identifies the shopper the flag is
 * evaluated for.
 *
 * <p>A {@code CharSequence}, {@code Number} or {@code UUID} argument is used through
 * {@code toString()}; any other object through its {@code shopperId()} or {@code getShopperId()}
 * accessor. Without this annotation, a parameter named {@code shopperId} is used when the class was
 * compiled with {@code -parameters}. At most one parameter of a method carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ShopperId {}
