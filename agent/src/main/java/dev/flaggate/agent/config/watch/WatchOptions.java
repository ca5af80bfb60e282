package dev.flaggate.agent.config.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ConfigFileWatcher} watches its file.
 *
 * <p>Start from {@link #defaults()} and adjust: {@code
 * WatchOptions.defaults().withPollInterval(Duration.ofMillis(200)).pollingOnly()}.
 *
 * @param pollInterval how often the file is re-read whatever the WatchService says: the worst-case
 *     delay when events are lost (NFS, some container overlays, macOS's polling WatchService)
 * @param quietPeriod how long the directory must stay quiet after an event before the file is
 *     re-read, so a burst of writes is read once, at its end; zero re-reads at once
 * @param maxFileSize the largest file, in bytes, that is read; a larger one is reported unreadable
 * @param useWatchService false to rely on polling alone
 */
public record WatchOptions(
    Duration pollInterval, Duration quietPeriod, long maxFileSize, boolean useWatchService) {

  /** The contract's worst case for a reload (section 4). */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Long enough to let an editor's write-then-rename or a burst of writes settle, short enough to
   * keep p99 rename-to-delivery well under the contract's 50 ms.
   */
  public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(10);

  /**
   * 64 MiB: far above any real flag file, small enough that a runaway file cannot exhaust memory.
   */
  public static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;

  /** The largest limit a Java array can hold: the top of the {@code max-config-bytes} option's range. */
  public static final long MAX_READABLE_SIZE = Integer.MAX_VALUE - 8;

  public WatchOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    if (quietPeriod.isNegative()) {
      throw new IllegalArgumentException("quietPeriod must not be negative: " + quietPeriod);
    }
    if (maxFileSize < 1 || maxFileSize > MAX_READABLE_SIZE) {
      throw new IllegalArgumentException(
          "maxFileSize must be 1.." + MAX_READABLE_SIZE + " bytes: " + maxFileSize);
    }
  }

  /** WatchService plus polling every second, a 10 ms quiet period and a 64 MiB limit. */
  public static WatchOptions defaults() {
    return new WatchOptions(
        DEFAULT_POLL_INTERVAL, DEFAULT_QUIET_PERIOD, DEFAULT_MAX_FILE_SIZE, true);
  }

  /** These options with another poll interval. */
  public WatchOptions withPollInterval(Duration interval) {
    return new WatchOptions(interval, quietPeriod, maxFileSize, useWatchService);
  }

  /** These options with another quiet period. */
  public WatchOptions withQuietPeriod(Duration period) {
    return new WatchOptions(pollInterval, period, maxFileSize, useWatchService);
  }

  /** These options with another size limit, in bytes. */
  public WatchOptions withMaxFileSize(long bytes) {
    return new WatchOptions(pollInterval, quietPeriod, bytes, useWatchService);
  }

  /** These options without the WatchService: changes are seen at the next poll only. */
  public WatchOptions pollingOnly() {
    return new WatchOptions(pollInterval, quietPeriod, maxFileSize, false);
  }
}
