package dev.flaggate.agent.config;

import dev.flaggate.agent.config.watch.ConfigFileWatcher;
import dev.flaggate.agent.rollout.RolloutEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the watcher sees in the flag file into engine updates, and says what happened.
 *
 * <p>A new content is parsed and validated completely before the engine swaps it in, in one step.
 * Content that cannot be parsed, or a file that disappears, changes nothing once a readable content
 * was applied (contract section 4, "Bad content"); before that, every flag is off with
 * {@code invalid_config}: with nothing known, legacy is the safe answer.
 */
public final class ConfigReloader implements ConfigFileWatcher.Listener {

  private final Path file;
  private final RolloutEngine engine;
  private final Reporter reporter;
  private final Parser parser;
  private ParsedConfig applied;

  public ConfigReloader(Path file, RolloutEngine engine, Reporter reporter) {
    this(file, engine, reporter, new FileParser());
  }

  ConfigReloader(Path file, RolloutEngine engine, Reporter reporter, Parser parser) {
    this.file = file;
    this.engine = engine;
    this.reporter = reporter;
    this.parser = parser;
  }

  @Override
  public synchronized void onContent(byte[] content) {
    ParsedConfig parsed;
    List<String> changes;
    try {
      ConfigFileParser.Result result = parser.parse(content);
      if (result instanceof ConfigFileParser.Unreadable unreadable) {
        reject(unreadable.message());
        return;
      }
      parsed = ((ConfigFileParser.Readable) result).config();
      changes = ConfigDiff.between(applied, parsed);
      engine.apply(parsed);
    } catch (RuntimeException | Error failed) {
      // a content that could not be taken in (a heap too small for the file, a bug) is unreadable:
      // at start every flag is off, not left to the environment; later the last good one stays.
      // The watcher does not deliver the same bytes again, so this answer holds until the file changes
      reject("applying its content failed: " + failed);
      return;
    }
    applied = parsed;
    List<String> problems = new ArrayList<>();
    for (ConfigProblem problem : parsed.problems()) {
      problems.add(problem.toString());
    }
    reporter.applied(file, changes, problems);
  }

  @Override
  public synchronized void onMissing() {
    if (applied == null) {
      engine.fileUnreadable("the config file " + file + " does not exist");
      reporter.rejected(file, "the file does not exist; every flag is off (invalid_config) until it appears");
    } else {
      engine.fileDeleted();
      reporter.deleted(file);
    }
  }

  @Override
  public synchronized void onUnreadable(String problem) {
    reject(problem);
  }

  @Override
  public void onWatcherProblem(String problem) {
    reporter.watcherProblem(file, problem);
  }

  private void reject(String problem) {
    engine.fileUnreadable(problem);
    reporter.rejected(file, applied == null
        ? problem + "; nothing readable was ever applied, so every flag is off (invalid_config) until the file is fixed"
        : problem + "; the last readable content stays in effect");
  }

  /** How a content becomes a config: the flag-file parser; another in tests, to make it fail. */
  interface Parser {
    ConfigFileParser.Result parse(byte[] content);
  }

  // a named class, not a method reference: no lambda on the way to the first routed call
  private static final class FileParser implements Parser {
    @Override
    public ConfigFileParser.Result parse(byte[] content) {
      return ConfigFileParser.parse(content);
    }
  }

  /** Where reload outcomes go (the agent's log and the {@code config_reloads_total} counter). */
  public interface Reporter {

    /** A readable content was applied; {@code changes} says what changed, {@code problems} per-flag errors and warnings. */
    void applied(Path file, List<String> changes, List<String> problems);

    /** A content was rejected whole; what was in effect stays. */
    void rejected(Path file, String problem);

    /** The file disappeared; the last readable content stays. */
    void deleted(Path file);

    /** The watching itself has a problem (the reload may be slower, polling only). */
    void watcherProblem(Path file, String problem);
  }
}
