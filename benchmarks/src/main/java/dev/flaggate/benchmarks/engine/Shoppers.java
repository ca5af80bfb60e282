package dev.flaggate.benchmarks.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The flags and shopper ids every decision benchmark uses, Flaggate and peers alike, so that each
 * row compares the same question with the same strings.
 *
 * <p>Four flags, one per row of issue 7: {@link #ALLOWLIST} (on, allowlist of {@link #ALLOWED}),
 * {@link #DENYLIST} (on, allowlist {@link #ALLOWED}, denylist {@link #DENIED}), {@link #KILLED}
 * (the kill switch: {@code enabled=false} with the same allowlist) and {@link #PERCENT} (on, 5 %
 * of everyone, salt {@link #SALT}). Ids are plain {@code String}s built once, as a service holds
 * the shopper id it got from a request.
 */
public final class Shoppers {

  public static final String ALLOWLIST = "BENCH_ALLOWLIST";
  public static final String DENYLIST = "BENCH_DENYLIST";
  public static final String KILLED = "BENCH_KILLED";
  public static final String PERCENT = "BENCH_PERCENT";
  /** A production-like mixed flag for the throughput row: lists and a percent. */
  public static final String ROLLOUT = "BENCH_ROLLOUT";
  public static final int PERCENT_VALUE = 5;
  public static final String SALT = "bench-cohort";

  /** Ids per list; a power of two so benchmarks rotate through them with a mask. */
  public static final int SIZE = 1024;
  public static final int MASK = SIZE - 1;

  public static final String[] ALLOWED = ids("shopper_", 0);
  public static final String[] DENIED = ids("blocked_", 0);
  /** Shoppers in no list: the percent decides them. */
  public static final String[] VISITORS = ids("shopper_", 100_000);
  /** Allowed, denied and visitors interleaved. */
  public static final String[] MIXED = mixed();

  private Shoppers() {}

  /** {@code count} fresh visitor ids, for checking a peer's rollout share. */
  public static List<String> sampleVisitors(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add("sample_" + i);
    }
    return ids;
  }

  /** The contract's bucket (section 3), by a library implementation of murmur3_x86_32. */
  public static int referenceBucket(String salt, String shopperId) {
    byte[] bytes = (salt + ":" + shopperId).getBytes(StandardCharsets.UTF_8);
    return Integer.remainderUnsigned(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), 100);
  }

  /** Whether the contract puts {@code shopperId} in the 5 % of {@link #PERCENT}. */
  public static boolean inPercent(String shopperId) {
    return referenceBucket(SALT, shopperId) < PERCENT_VALUE;
  }

  /** The five flags as a Flaggate config file (contract section 4). */
  public static String flaggateConfig() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put(ALLOWLIST, "\"enabled\": true, \"allowlist\": " + json(ALLOWED));
    flags.put(DENYLIST, "\"enabled\": true, \"allowlist\": " + json(ALLOWED) + ", \"denylist\": " + json(DENIED));
    flags.put(KILLED, "\"enabled\": false, \"allowlist\": " + json(ALLOWED));
    flags.put(PERCENT, "\"enabled\": true, \"percent_rollout\": " + PERCENT_VALUE + ", \"salt\": \"" + SALT + "\"");
    flags.put(ROLLOUT, "\"enabled\": true, \"allowlist\": " + json(ALLOWED) + ", \"denylist\": " + json(DENIED)
        + ", \"percent_rollout\": " + PERCENT_VALUE + ", \"salt\": \"" + SALT + "\"");
    StringBuilder out = new StringBuilder("{\"flags\": {\n");
    flags.forEach((flag, body) -> out.append("  \"").append(flag).append("\": {").append(body).append("},\n"));
    out.setLength(out.length() - 2);
    return out.append("\n}}\n").toString();
  }

  /** A JSON array of strings (ids here need no escaping). */
  public static String json(String[] ids) {
    return "[\"" + String.join("\", \"", ids) + "\"]";
  }

  private static String[] ids(String prefix, int first) {
    String[] ids = new String[SIZE];
    for (int i = 0; i < SIZE; i++) {
      ids[i] = prefix + String.format("%04d", first + i);
    }
    return ids;
  }

  private static String[] mixed() {
    String[] ids = new String[SIZE];
    for (int i = 0; i < SIZE; i++) {
      String[] from = i % 3 == 0 ? ALLOWED : i % 3 == 1 ? DENIED : VISITORS;
      ids[i] = from[i];
    }
    return ids;
  }
}
