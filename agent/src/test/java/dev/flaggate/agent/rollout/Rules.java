package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flaggate.agent.config.ConfigFileParser;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.ParsedConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;

/** Test fixtures: engines and rules from the two sources users write, files and environments. */
final class Rules {

  private Rules() {}

  /** The parsed file {@code {"flags": {flag: entryJson}}}, which must be readable. */
  static ParsedConfig file(String flag, String entryJson) {
    return parse("{\"flags\": {\"" + flag + "\": " + entryJson + "}}");
  }

  /** The parsed file {@code json}, which must be readable. */
  static ParsedConfig parse(String json) {
    ConfigFileParser.Result result = ConfigFileParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return assertInstanceOf(ConfigFileParser.Readable.class, result, result::toString).config();
  }

  /** The rule of {@code flag} from a file holding only its entry and an empty environment. */
  static FlagRule fileRule(String flag, String entryJson) {
    return engine(Map.of(), file(flag, entryJson)).rule(flag);
  }

  /** An engine over {@code environment}, with {@code file} applied when not {@code null}. */
  static RolloutEngine engine(Map<String, String> environment, ParsedConfig file) {
    RolloutEngine engine = new RolloutEngine(new EnvironmentSource(environment));
    if (file != null) {
      engine.apply(file);
    }
    return engine;
  }

  /** The bucket by the contract's formula, computed with commons-codec, not our hash. */
  static int referenceBucket(String salt, String shopperId) {
    byte[] bytes = (salt + ":" + shopperId).getBytes(StandardCharsets.UTF_8);
    return (int) ((MurmurHash3.hash32x86(bytes, 0, bytes.length, 0) & 0xffffffffL) % 100);
  }

  static void assertDecision(boolean enabled, Reason reason, int code) {
    assertEquals(
        DecisionCode.of(enabled, reason),
        code,
        () -> "expected " + (enabled ? "on " : "off ") + reason.word() + " but was "
            + (DecisionCode.enabled(code) ? "on " : "off ") + DecisionCode.reason(code).word());
  }
}
