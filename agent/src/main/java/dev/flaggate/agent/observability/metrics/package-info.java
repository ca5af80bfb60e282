/**
 * The agent's metrics under the exact names of contract section 8, and the opt-in Prometheus
 * endpoint that serves them on 127.0.0.1.
 */
package dev.flaggate.agent.observability.metrics;
