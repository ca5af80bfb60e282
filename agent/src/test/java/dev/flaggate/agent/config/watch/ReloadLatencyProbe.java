package dev.flaggate.agent.config.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the time from renaming a new flag file into place to {@code onContent}, with the
 * WatchService and with polling only. Not part of the test suite: run it by hand, or reuse {@link
 * #measure} from the benchmarks module.
 *
 * <pre>
 * ./mvnw -q -o -pl agent -am test-compile
 * java -cp agent/target/test-classes:agent/target/classes \
 *     dev.flaggate.agent.config.watch.ReloadLatencyProbe [watchIterations] [pollingIterations]
 * </pre>
 *
 * <p>Before each rename the probe pauses a random time, up to a poll interval in polling mode, so
 * the renames fall at every phase of the poll cycle instead of right after a poll.
 */
public final class ReloadLatencyProbe {

  private record Delivery(long nanoTime, String content) {}

  private ReloadLatencyProbe() {}

  public static void main(String[] args) throws Exception {
    int watchIterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int pollingIterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    report("WatchService (+ 1 s poll)", measure(WatchOptions.defaults(), watchIterations));
    report("polling only, 1 s", measure(WatchOptions.defaults().pollingOnly(), pollingIterations));
  }

  /**
   * Renames a new file into place {@code iterations} times, each after the previous one was
   * delivered.
   *
   * @return the rename-to-delivery latency of each rename, in nanoseconds
   */
  public static long[] measure(WatchOptions options, int iterations)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("flaggate-reload-probe");
    try {
      return measureIn(dir, options, iterations);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static long[] measureIn(Path dir, WatchOptions options, int iterations)
      throws IOException, InterruptedException {
    Path file = dir.resolve("flags.json");
    Path temporary = dir.resolve(".flags.json.tmp");
    Files.writeString(file, "{}");
    BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    long timeoutMillis = options.pollInterval().toMillis() * 2 + 5_000;
    long maxPauseNanos = options.useWatchService() ? 20_000_000 : options.pollInterval().toNanos();
    long[] latencies = new long[iterations];
    try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, options, recorder(deliveries))) {
      watcher.start();
      deliveries.take();
      for (int i = 0; i < iterations; i++) {
        String content = "{\"iteration\":" + i + "}";
        Files.writeString(temporary, content);
        TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(maxPauseNanos));
        long renamed = System.nanoTime();
        Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
        Delivery delivery = deliveries.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (delivery == null || !delivery.content().equals(content)) {
          throw new IllegalStateException(
              "iteration " + i + ": expected " + content + ", got " + delivery);
        }
        latencies[i] = delivery.nanoTime() - renamed;
      }
    }
    return latencies;
  }

  private static ConfigFileWatcher.Listener recorder(BlockingQueue<Delivery> deliveries) {
    return new ConfigFileWatcher.Listener() {
      @Override
      public void onContent(byte[] content) {
        deliveries.add(new Delivery(System.nanoTime(), new String(content, UTF_8)));
      }

      @Override
      public void onMissing() {
        throw new IllegalStateException("the file never goes missing in this probe");
      }

      @Override
      public void onUnreadable(String problem) {
        throw new IllegalStateException(problem);
      }
    };
  }

  private static void report(String mode, long[] latencies) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-26s n=%-4d median %7.2f ms   p99 %7.2f ms   max %7.2f ms%n",
        mode, sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
        millis(sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile. */
  private static long rank(long[] sorted, double quantile) {
    return sorted[(int) Math.ceil(quantile * sorted.length) - 1];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
