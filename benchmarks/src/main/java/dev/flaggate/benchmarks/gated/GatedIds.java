package dev.flaggate.benchmarks.gated;

/**
 * Flags and shopper ids of the gated-call benchmarks (a copy of the engine benchmarks' scheme: this
 * jar must not see the engine's classes). {@link #FLAG} is on for {@link #ALLOWED} (reason
 * {@code allowlist}) and off for {@link #OTHERS} ({@code not_in_allowlist}), the canary phase of
 * a rollout.
 */
public final class GatedIds {

  public static final String FLAG = "BENCH_GATE";
  public static final String SHADOW_FLAG = "BENCH_GATE_SHADOW";
  public static final String RELOAD_FLAG = "BENCH_RELOAD";
  public static final int SIZE = 1024;
  public static final int MASK = SIZE - 1;
  public static final String[] ALLOWED = ids("shopper_", 0);
  public static final String[] OTHERS = ids("shopper_", 100_000);

  private GatedIds() {}

  /** The config of the gated-call benchmarks. */
  public static String callsConfig() {
    String allow = "[\"" + String.join("\", \"", ALLOWED) + "\"]";
    return "{\"flags\": {\n"
        + "  \"" + FLAG + "\": {\"enabled\": true, \"allowlist\": " + allow + "},\n"
        + "  \"" + SHADOW_FLAG + "\": {\"enabled\": true, \"shadow_mode\": true, \"dual_run\": false, \"allowlist\": " + allow + "}\n"
        + "}}\n";
  }

  /** The config of the reload benchmark, {@link #RELOAD_FLAG} on or off. */
  public static String reloadConfig(boolean enabled) {
    return "{\"flags\": {\"" + RELOAD_FLAG + "\": {\"enabled\": " + enabled + "}}}\n";
  }

  private static String[] ids(String prefix, int first) {
    String[] ids = new String[SIZE];
    for (int i = 0; i < SIZE; i++) {
      ids[i] = prefix + String.format("%04d", first + i);
    }
    return ids;
  }
}
