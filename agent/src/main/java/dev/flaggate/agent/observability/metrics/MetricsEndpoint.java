package dev.flaggate.agent.observability.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import dev.flaggate.agent.observability.logging.AgentLoggers;

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

  private final HttpServer server;
  private final ExecutorService handlers;

  private MetricsEndpoint(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Serves {@code metrics} on {@code 127.0.0.1:port}; port 0 picks a free one (see {@link #port()}).
   *
   * @return the running endpoint, or empty when it could not start (already reported)
   */
  public static Optional<MetricsEndpoint> start(int port, AgentMetrics metrics) {
    HttpServer server = null;
    ExecutorService handlers = null;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      handlers =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "flaggate-metrics");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(handlers);
      server.createContext(PATH, exchange -> serve(exchange, metrics));
      startFromDaemonThread(server);
      MetricsEndpoint endpoint = new MetricsEndpoint(server, handlers);
      log.atInfo()
          .setMessage("metrics endpoint serving")
          .addKeyValue("event", "metrics_endpoint_started")
          .addKeyValue("url", "http://127.0.0.1:" + endpoint.port() + PATH)
          .log();
      return Optional.of(endpoint);
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a runtime image built without the jdk.httpserver module
      if (server != null) {
        server.stop(0);
      }
      if (handlers != null) {
        handlers.shutdownNow();
      }
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
    return server.getAddress().getPort();
  }

  /** The address actually bound, always a loopback address. */
  public InetAddress address() {
    return server.getAddress().getAddress();
  }

  /** Stops serving and releases the port. */
  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private static void serve(HttpExchange exchange, AgentMetrics metrics) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String method = exchange.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /**
   * Starts the server from a daemon thread. The JDK's HttpServer creates its dispatcher thread as a
   * non-daemon child of the calling thread unless that thread is a daemon (a new thread inherits
   * it), and a non-daemon dispatcher would keep the application's JVM alive after its main ends.
   */
  private static void startFromDaemonThread(HttpServer server) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                server.start();
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "flaggate-metrics-start");
    starter.setDaemon(true);
    starter.start();
    joinUninterruptibly(starter);
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        // the start takes a moment; the caller's interrupt is kept for it to see afterwards
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
