/**
 * What operators see of the agent (contract section 8): metrics ({@code metrics}), JSON log lines
 * ({@code logging}) and the vocabulary of events written through them ({@link
 * dev.flaggate.agent.observability.AgentEvents}), with the periodic summary line.
 *
 * <p><b>Isolation.</b> Nothing here touches what the application uses for the same purpose. The
 * agent jar relocates SLF4J, Jackson, Micrometer and the Prometheus client under {@code
 * dev.flaggate.shaded}, and the shade plugin renames the services file {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider} with them: the agent's relocated SLF4J finds
 * only {@link dev.flaggate.agent.observability.logging.JsonLogProvider}, while the application's
 * SLF4J, whatever binding it ships, never finds it. Metrics live in a registry of their own, never
 * Micrometer's global one, read through the agent's own endpoint. The call path (routing code)
 * records into pre-resolved meters and rate limits, without locks or allocation.
 */
package dev.flaggate.agent.observability;
