package dev.flaggate.benchmarks.engine;

import java.nio.charset.StandardCharsets;

/** The large file: 1,000 flags, each with an allowlist of 1,000 shoppers (1,000,000 ids). */
public final class LargeConfig {

  public static final int FLAGS = 1_000;
  public static final int SHOPPERS_PER_FLAG = 1_000;

  private LargeConfig() {}

  /** The file's bytes. Ids are distinct across flags, as Jackson would make them distinct objects anyway. */
  public static byte[] bytes() {
    StringBuilder out = new StringBuilder(FLAGS * SHOPPERS_PER_FLAG * 20).append("{\"flags\": {\n");
    for (int flag = 0; flag < FLAGS; flag++) {
      out.append(flag == 0 ? "" : ",\n").append("  \"FLAG_").append(String.format("%04d", flag))
          .append("\": {\"enabled\": true, \"shadow_mode\": true, \"allowlist\": [");
      for (int s = 0; s < SHOPPERS_PER_FLAG; s++) {
        out.append(s == 0 ? "\"" : ", \"").append("shopper_")
            .append(String.format("%07d", flag * SHOPPERS_PER_FLAG + s)).append('"');
      }
      out.append("]}");
    }
    return out.append("\n}}\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
