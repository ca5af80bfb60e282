package dev.flaggate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract 5: environment variables, the fallback. */
class EnvironmentSourceTest {

  private static final String F = "WHATSAPP_CANONICAL_EVENTS_ENABLED";

  @ParameterizedTest(name = "F={0}")
  @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "on", "On", " true "})
  @DisplayName("contract 5: F is true as true|1|yes|on, any case")
  void trueWords(String value) {
    assertEquals(true, settings(Map.of(F, value)).enabled());
  }

  @ParameterizedTest(name = "F={0}")
  @ValueSource(strings = {"false", "FALSE", "0", "no", "No", "off", "OFF"})
  @DisplayName("contract 5: F is false as false|0|no|off, any case")
  void falseWords(String value) {
    assertEquals(false, settings(Map.of(F, value)).enabled());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "WHATSAPP_CANONICAL_EVENTS_ENABLED             | maybe",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED             | ''",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED             | 2",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED             | tru",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | abc",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | 150",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | 101",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | -1",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | +5",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | 5.0",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | 5%",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | ''",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_PERCENT     | 99999999999",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_SHADOW_MODE | shadow",
    "WHATSAPP_CANONICAL_EVENTS_ENABLED_DUAL_RUN    | ''",
  })
  @DisplayName("contract 5: a set but unparsable variable makes F invalid, naming variable and value")
  void unparsableIsInvalid(String variable, String value) {
    Map<String, String> variables = new HashMap<>(Map.of(F, "true"));
    variables.put(variable, value);
    FlagEntry entry = new EnvironmentSource(variables).entry(F).orElseThrow();
    assertFalse(entry.valid());
    ConfigProblem problem = entry.problems().get(0);
    assertEquals(F, problem.flag());
    assertEquals(variable, problem.field());
    assertEquals(value, problem.value());
  }

  @ParameterizedTest(name = "PERCENT={0}")
  @CsvSource({"0, 0", "5, 5", "100, 100", "' 25 ', 25", "007, 7"})
  @DisplayName("contract 5: F_PERCENT is 0..100")
  void percent(String value, int expected) {
    assertEquals(expected, settings(Map.of(F + "_PERCENT", value)).percentRollout());
  }

  @Test
  @DisplayName("contract 5: lists are comma separated, blanks trimmed, empty items ignored")
  void lists() {
    FlagSettings settings =
        settings(Map.of(F + "_ALLOWLIST", " shopper_001 ,shopper_002,, ,shopper_003,", F + "_DENYLIST", "x"));
    assertEquals(List.of("shopper_001", "shopper_002", "shopper_003"), settings.allowlist());
    assertEquals(List.of("x"), settings.denylist());
  }

  @Test
  @DisplayName("contract 5: a list set but empty is configured and empty; unset is not configured")
  void emptyList() {
    FlagSettings settings = settings(Map.of(F + "_ALLOWLIST", ""));
    assertEquals(List.of(), settings.allowlist());
    assertEquals(null, settings.denylist());
  }

  @Test
  @DisplayName("contract 5: F_SHADOW_MODE and F_DUAL_RUN are booleans")
  void shadowAndDualRun() {
    FlagSettings settings = settings(Map.of(F + "_SHADOW_MODE", "yes", F + "_DUAL_RUN", "0"));
    assertEquals(true, settings.shadowMode());
    assertEquals(false, settings.dualRun());
  }

  @Test
  @DisplayName("contract 5: enabled is not configured unless F is set (the rule reads it as false)")
  void enabledOnlyFromF() {
    assertEquals(null, settings(Map.of(F + "_ALLOWLIST", "a")).enabled());
  }

  @ParameterizedTest(name = "only {0}")
  @ValueSource(strings = {"", "_ALLOWLIST", "_DENYLIST", "_PERCENT", "_SHADOW_MODE", "_DUAL_RUN"})
  @DisplayName("contract 5: a flag has an environment config iff any of its variables is set")
  void presence(String suffix) {
    assertTrue(new EnvironmentSource(Map.of(F + suffix, "1")).entry(F).isPresent());
  }

  @Test
  @DisplayName("contract 5: no variable set means no environment config; others' variables don't count")
  void absence() {
    Map<String, String> others = Map.of("WHATSAPP_DUAL_RUN", "true", F + "_SALT", "x", "PATH", "/bin");
    assertEquals(Optional.empty(), new EnvironmentSource(others).entry(F));
  }

  @Test
  @DisplayName("contract 5: variables are looked up by flag name, so X_PERCENT belongs to whoever asks")
  void lookupByName() {
    EnvironmentSource env = new EnvironmentSource(Map.of("X_PERCENT", "5"));
    assertEquals(5, env.entry("X").orElseThrow().settings().percentRollout());
    assertFalse(env.entry("X_PERCENT").orElseThrow().valid(), "X_PERCENT=5 is not a boolean");
  }

  private static FlagSettings settings(Map<String, String> variables) {
    FlagEntry entry = new EnvironmentSource(variables).entry(F).orElseThrow();
    assertTrue(entry.valid(), entry.problems()::toString);
    return entry.settings();
  }
}
