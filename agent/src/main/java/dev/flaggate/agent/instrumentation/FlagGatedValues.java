package dev.flaggate.agent.instrumentation;

/**
 * The values of one {@code @FlagGated} annotation as its class file holds them, with the
 * annotation's defaults filled in (a class file stores only what the source wrote).
 *
 * @param flag {@code value()}
 * @param legacy {@code legacy()}, empty when absent
 * @param shadowFlag {@code shadowFlag()}, empty when absent
 * @param dualRunFlag {@code dualRunFlag()}, empty when absent
 * @param comparator {@code comparator()}, binary class name
 */
record FlagGatedValues(String flag, String legacy, String shadowFlag, String dualRunFlag, String comparator) {

  static final String DEFAULT_COMPARATOR = "dev.flaggate.ResultComparator$Equality";
}
