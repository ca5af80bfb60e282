package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;

/**
 * How one gated method is rewritten: what the advice binds for it.
 *
 * @param method the gated method
 * @param legacy the legacy method, or {@code null} when "off" skips a void body
 * @param shopperParameter the parameter that identifies the shopper, or {@code null}
 * @param shopperAccessor accessor called on that parameter ({@code shopperId()}/{@code getShopperId()}), or {@code null}
 * @param site what the router needs at run time
 * @param warnings problems that do not stop routing (no shopper found, result type without equals)
 */
record GatedMethodPlan(
    MethodDescription.InDefinedShape method,
    MethodDescription.InDefinedShape legacy,
    ParameterDescription.InDefinedShape shopperParameter,
    MethodDescription shopperAccessor,
    SiteDescriptor site,
    List<String> warnings) {}
