package dev.flaggate.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config file that could be read: its entries, valid or not, in file order, and the warnings
 * about the file as a whole (unknown top-level fields).
 *
 * @param flags flag name to entry
 * @param fileWarnings problems not tied to one flag
 */
public record ParsedConfig(Map<String, FlagEntry> flags, List<ConfigProblem> fileWarnings) {

  /** Copies both, keeping the file's order of flags for logs. */
  public ParsedConfig {
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    fileWarnings = List.copyOf(fileWarnings);
  }

  /** Every problem of the file, its own warnings first, then each flag's in file order. */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> all = new ArrayList<>(fileWarnings);
    for (FlagEntry entry : flags.values()) {
      all.addAll(entry.problems());
    }
    return all;
  }
}
