package dev.flaggate.agent.rollout;

import dev.flaggate.agent.config.ConfigProblem;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.FlagEntry;
import dev.flaggate.agent.config.ParsedConfig;
import java.util.List;
import java.util.Optional;

/**
 * The precedence of contract section 3 over a fixed state of the sources: the file entry if present
 * and active, otherwise the environment variables if any is set, otherwise none.
 *
 * @param file the last readable config file, or {@code null} when none was ever read
 * @param startupError why the file could never be read, or {@code null}; when set (and no file was
 *     ever read) every flag is off with {@code invalid_config}
 * @param environment the fallback
 */
record RuleResolver(ParsedConfig file, String startupError, EnvironmentSource environment) {

  FlagRule resolve(String flag) {
    if (file == null && startupError != null) {
      return FlagRule.invalid(
          flag,
          FlagRule.Origin.FILE,
          List.of(
              new ConfigProblem(
                  flag,
                  null,
                  null,
                  "no readable config file yet: " + startupError,
                  ConfigProblem.Severity.ERROR)));
    }
    FlagEntry entry = file == null ? null : file.flags().get(flag);
    if (entry != null && !entry.inactive()) {
      return FlagRule.of(FlagRule.Origin.FILE, entry);
    }
    Optional<FlagEntry> fromEnvironment = environment.entry(flag);
    return fromEnvironment.isPresent()
        ? FlagRule.of(FlagRule.Origin.ENVIRONMENT, fromEnvironment.get())
        : FlagRule.none(flag);
  }
}
