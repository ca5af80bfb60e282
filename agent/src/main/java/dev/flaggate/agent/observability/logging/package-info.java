/**
 * The agent's own SLF4J binding: every record becomes one JSON object on one line, written by
 * Jackson, sent where the {@code log} agent option says (contract section 7).
 */
package dev.flaggate.agent.observability.logging;
