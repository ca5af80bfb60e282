package dev.flaggate.agent.observability.metrics;

import dev.flaggate.agent.observability.logging.AgentLoggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The opt-in Prometheus scrape endpoint, {@code http://127.0.0.1:PORT/metrics} (agent option
 * {@code metrics-port}, contract section 7).
 *
 * <p>It binds to the loopback address only: metrics name flags and rollout state, and exposing them
 * beyond the host is the operator's choice (a sidecar, a port-forward), not the agent's. It serves
 * from one daemon thread, and its JDK dispatcher thread is a daemon too, so it never keeps the
 * application's JVM alive. A port that cannot be bound is reported and the agent goes on without
 * the endpoint: starting never throws into the caller.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The content type of the Prometheus text format served. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String PATH = "/metrics";
  private static final Logger log = AgentLoggers.get(MetricsEndpoint.class);

  private final AutoCloseable server;
  private final InetSocketAddress address;

  private MetricsEndpoint(AutoCloseable server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /**
   * Serves {@code metrics} on {@code 127.0.0.1:port}; port 0 picks a free one (see {@link #port()}).
   *
   * @return the running endpoint, or empty when it could not start (already reported)
   */
  public static Optional<MetricsEndpoint> start(int port, AgentMetrics metrics) {
    try {
      // the JDK's HTTP server, through a loader that can see it (HttpServingLoader says why)
      var server = HttpServingLoader.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), PATH,
          CONTENT_TYPE, new Supplier<byte[]>() {
            @Override
            public byte[] get() {
              return metrics.scrape().getBytes(StandardCharsets.UTF_8);
            }
          });
      MetricsEndpoint endpoint = new MetricsEndpoint(server, server.get());
      log.atInfo()
          .setMessage("metrics endpoint serving")
          .addKeyValue("event", "metrics_endpoint_started")
          .addKeyValue("url", "http://127.0.0.1:" + endpoint.port() + PATH)
          .log();
      return Optional.of(endpoint);
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a runtime image built without the jdk.httpserver module
      log.atWarn()
          .setMessage("metrics endpoint not started, the agent goes on without it")
          .addKeyValue("event", "metrics_endpoint_unavailable")
          .addKeyValue("port", port)
          .setCause(e)
          .log();
      return Optional.empty();
    }
  }

  /** The port actually bound: the one asked for, or the one picked for port 0. */
  public int port() {
    return address.getPort();
  }

  /** The address actually bound, always a loopback address. */
  public InetAddress address() {
    return address.getAddress();
  }

  /** Stops serving and releases the port. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      // JdkHttpServing.close throws nothing; stopping is best effort at exit anyway
    }
  }
}
