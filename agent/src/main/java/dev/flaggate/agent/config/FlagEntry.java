package dev.flaggate.agent.config;

import java.util.List;

/**
 * What one source says about one flag: the settings it could read and every problem it found. An
 * entry with an error is invalid as a whole: a flag with one unreadable field is off rather than
 * half-applied, because the operator's intent is unclear (contract section 4, "Bad content").
 *
 * @param flag the flag name
 * @param settings the fields that were read correctly; a field with an error is left unconfigured
 * @param problems errors and warnings, in the order they were found
 */
public record FlagEntry(String flag, FlagSettings settings, List<ConfigProblem> problems) {

  /** Copies the problems, so an entry never changes after it is read. */
  public FlagEntry {
    problems = List.copyOf(problems);
  }

  /** Whether no problem is an error. */
  public boolean valid() {
    for (ConfigProblem problem : problems) {
      if (problem.isError()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the entry says {@code "active": false}, so that the flag falls through to the next
   * source. An {@code active} field with an error is not "inactive": the entry stays in effect and
   * invalid.
   */
  public boolean inactive() {
    return Boolean.FALSE.equals(settings.active());
  }
}
