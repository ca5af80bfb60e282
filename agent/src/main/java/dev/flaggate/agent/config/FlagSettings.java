package dev.flaggate.agent.config;

import java.util.List;

/**
 * The settings of one flag as a source states them, before any rule is applied. Each field is the
 * seed's FeatureFlagConfig field of the same name; {@code null} means "not configured", which the
 * decision table distinguishes from an empty list or a percent of 0 (contract section 3, rows 6
 * and 7).
 *
 * @param enabled the kill switch; not configured counts as false
 * @param active whether a file entry takes part at all; not configured counts as true
 * @param shadowMode the flag's own shadow mode
 * @param dualRun the flag's own dual-run
 * @param allowlist shopper ids, trimmed
 * @param denylist shopper ids, trimmed
 * @param percentRollout 0..100
 * @param salt the bucket salt; not configured means the flag name
 */
public record FlagSettings(
    Boolean enabled,
    Boolean active,
    Boolean shadowMode,
    Boolean dualRun,
    List<String> allowlist,
    List<String> denylist,
    Integer percentRollout,
    String salt) {

  /** Copies the lists, so settings never change after they are read. */
  public FlagSettings {
    allowlist = allowlist == null ? null : List.copyOf(allowlist);
    denylist = denylist == null ? null : List.copyOf(denylist);
  }
}
