package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteDescriptor;
import java.util.List;

/**
 * How one gated method is rewritten: what its routing prologue loads and calls.
 *
 * @param owner the class declaring the method
 * @param method the gated method
 * @param legacy the legacy method, or {@code null} when "off" skips a void body
 * @param shopperParameter index of the parameter that identifies the shopper, or -1
 * @param shopperAccessor accessor called on that parameter, or {@code null} when the parameter is used itself
 * @param site what the router needs at run time
 * @param warnings problems that do not stop routing (no shopper found, result type without equals)
 */
record GatedMethodPlan(
    ClassShape owner,
    MethodShape method,
    MethodShape legacy,
    int shopperParameter,
    ShopperAccessor shopperAccessor,
    SiteDescriptor site,
    List<String> warnings) {}
