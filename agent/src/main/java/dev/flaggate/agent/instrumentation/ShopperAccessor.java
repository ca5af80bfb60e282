package dev.flaggate.agent.instrumentation;

/**
 * The accessor called on the shopper parameter to get the shopper's id, e.g. {@code
 * message.shopperId()}. It is invoked on the parameter's own declared type, so the JVM resolves it
 * through superclasses and default methods as Java source would.
 *
 * @param owner internal name of the parameter's declared type
 * @param ownerIsInterface whether that type is an interface ({@code invokeinterface})
 * @param name {@code shopperId} or {@code getShopperId}
 * @param descriptor the accessor's descriptor, {@code ()} and its return type
 */
record ShopperAccessor(String owner, boolean ownerIsInterface, String name, String descriptor) {}
