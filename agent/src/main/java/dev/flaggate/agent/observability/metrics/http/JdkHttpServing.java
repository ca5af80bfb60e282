package dev.flaggate.agent.observability.metrics.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The HTTP side of the metrics endpoint, on the JDK's own server ({@code com.sun.net.httpserver}).
 *
 * <p>Why a package of its own, loaded apart: the agent's classes live in the bootstrap loader, and
 * the {@code jdk.httpserver} module belongs to the platform loader, which the bootstrap loader cannot
 * see. {@code HttpServingLoader} defines this package in a small loader below the platform loader, so
 * this class is the only one that names the server's types, and it speaks to the agent through JDK
 * types only ({@link Supplier}, {@link AutoCloseable}): the agent's own types would be another
 * loader's. Public, for that loader's reflective construction.
 */
public final class JdkHttpServing implements AutoCloseable, Supplier<InetSocketAddress> {

  /** Scrapes served at once; also how many stalled clients it takes to hold every scrape back. */
  static final int HANDLER_THREADS = 4;

  private final HttpServer server;
  private final ExecutorService handlers;

  /**
   * Serves {@code path} on {@code address}: GET and HEAD answer 200 with {@code body}'s bytes, other
   * methods 405, other paths 404. Handled on up to {@value #HANDLER_THREADS} daemon threads, started
   * as requests come: the JDK's server reads each request on a handler thread, with no time limit of
   * its own (its only setting is JVM-wide, the application's servers too), so a client that sends
   * half a request holds that thread until it hangs up; with one thread, one such client stopped
   * every scrape.
   *
   * @throws IOException when the address cannot be bound
   */
  public JdkHttpServing(InetSocketAddress address, String path, String contentType, Supplier<byte[]> body)
      throws IOException {
    HttpServer created = HttpServer.create(address, 0);
    ExecutorService pool = Executors.newFixedThreadPool(HANDLER_THREADS, task -> {
      Thread thread = new Thread(task, "flaggate-metrics");
      thread.setDaemon(true);
      return thread;
    });
    try {
      created.setExecutor(pool);
      created.createContext(path, exchange -> serve(exchange, path, contentType, body));
      startFromDaemonThread(created);
    } catch (RuntimeException e) {
      created.stop(0);
      pool.shutdownNow();
      throw e;
    }
    this.server = created;
    this.handlers = pool;
  }

  /** The address actually bound (port 0 picks a free port). */
  @Override
  public InetSocketAddress get() {
    return server.getAddress();
  }

  /** Stops serving and releases the port. */
  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private static void serve(HttpExchange exchange, String path, String contentType, Supplier<byte[]> body)
      throws IOException {
    try (exchange) {
      if (!path.equals(exchange.getRequestURI().getPath())) {
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
      byte[] bytes = body.get();
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
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
    Thread starter = new Thread(() -> {
      try {
        server.start();
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "flaggate-metrics-start");
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
