package dev.flaggate.agent;

/**
 * The agent's version, as the {@code agent_started} line reports it.
 *
 * <p>A constant, not the jar manifest's {@code Implementation-Version}: the agent's classes load in
 * the bootstrap loader, whose packages carry no manifest attributes, and a resource lookup would
 * cost the application's start-up a class-path search. {@code StartPathIT} fails when this differs
 * from the Maven project's version.
 */
final class AgentVersion {

  static final String NUMBER = "0.1.0-SNAPSHOT";

  private AgentVersion() {}
}
