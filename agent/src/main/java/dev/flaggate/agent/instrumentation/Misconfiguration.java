package dev.flaggate.agent.instrumentation;

/**
 * A gated method the agent cannot route, and what the developer must change. The method is left as
 * it is (it then runs its own body, as without the agent) and counted in
 * {@code flaggate_misconfigured_methods}.
 *
 * @param className the declaring class
 * @param method the method's name and descriptor as written in source, e.g. {@code send(String, Message)}
 * @param problem what is wrong
 * @param fix what to change
 */
record Misconfiguration(String className, String method, String problem, String fix) {}
