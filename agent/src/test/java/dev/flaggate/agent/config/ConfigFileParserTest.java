package dev.flaggate.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract 4: the config file, strictly typed, each flag on its own, bad content kept out. */
class ConfigFileParserTest {

  private static final String F = "WHATSAPP_CANONICAL_EVENTS_ENABLED";

  @Test
  @DisplayName("contract 4: the contract's example reads as written")
  void contractExample() {
    ParsedConfig config = readable("""
        {
          "flags": {
            "WHATSAPP_CANONICAL_EVENTS_ENABLED": {
              "enabled": true,
              "active": true,
              "shadow_mode": true,
              "dual_run": true,
              "allowlist": ["shopper_001", "shopper_002", "shopper_003"],
              "denylist": [],
              "percent_rollout": 5,
              "salt": "whatsapp-migration"
            }
          }
        }
        """);
    FlagEntry entry = config.flags().get(F);
    assertTrue(entry.valid());
    assertEquals(
        new FlagSettings(true, true, true, true, List.of("shopper_001", "shopper_002", "shopper_003"),
            List.of(), 5, "whatsapp-migration"),
        entry.settings());
    assertEquals(List.of(), config.problems());
  }

  @Test
  @DisplayName("contract 4: absent fields are not configured")
  void absentFieldsAreNull() {
    FlagEntry entry = entry("{}");
    assertTrue(entry.valid());
    assertEquals(new FlagSettings(null, null, null, null, null, null, null, null), entry.settings());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "enabled         | \"true\"",
    "enabled         | 1",
    "enabled         | null",
    "active          | \"false\"",
    "shadow_mode     | 1",
    "dual_run        | \"yes\"",
    "percent_rollout | \"50\"",
    "percent_rollout | 12.5",
    "percent_rollout | 50.0",
    "percent_rollout | 12.50",
    "percent_rollout | 101",
    "percent_rollout | -1",
    "percent_rollout | 99999999999",
    "percent_rollout | true",
    "allowlist       | \"shopper_001\"",
    "allowlist       | {}",
    "denylist        | \"a,b\"",
    "salt            | 1",
    "salt            | true",
    "salt            | [\"s\"]",
  })
  @DisplayName("contract 4: types are strict, the problem names flag, field and value as written")
  void strictTypes(String field, String value) {
    FlagEntry entry = entry("{\"" + field + "\": " + value + "}");
    assertFalse(entry.valid());
    ConfigProblem problem = entry.problems().get(0);
    assertEquals(F, problem.flag());
    assertEquals(field, problem.field());
    assertEquals(value, problem.value());
    assertTrue(problem.isError());
  }

  @Test
  @DisplayName("contract 4: a number with an exponent is not an integer")
  void exponentIsNotInteger() {
    FlagEntry entry = entry("{\"percent_rollout\": 1e1}");
    assertFalse(entry.valid());
    assertEquals("1E+1", entry.problems().get(0).value());
  }

  @Test
  @DisplayName("contract 4: a wrong nested value is reported as compact JSON, strings escaped")
  void nestedValueAsJson() {
    FlagEntry entry = entry("{\"salt\": {\"a\": [1, \"x\\n\\u0001\\\"\", null, 12.50, false], \"b\": {}}}");
    assertEquals("{\"a\":[1,\"x\\n\\u0001\\\"\",null,12.50,false],\"b\":{}}", entry.problems().get(0).value());
  }

  @Test
  @DisplayName("contract 4: nesting deeper than the parser allows is unreadable, not a stack overflow")
  void deepNesting() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    String message = unreadable(("{\"flags\": {\"F\": {\"x\": " + deep + "}}}").getBytes(StandardCharsets.UTF_8));
    assertTrue(message.contains("nesting depth"), message);
  }

  @ParameterizedTest(name = "allowlist {0}")
  @ValueSource(strings = {"[1]", "[\"a\", null]", "[[\"a\"]]", "[true]"})
  @DisplayName("contract 4: lists are arrays of strings; a bad item is named with its index")
  void listItemsMustBeStrings(String list) {
    FlagEntry entry = entry("{\"enabled\": true, \"allowlist\": " + list + "}");
    assertFalse(entry.valid());
    assertTrue(entry.problems().get(0).field().startsWith("allowlist["), entry.problems()::toString);
    assertEquals(null, entry.settings().allowlist());
  }

  @ParameterizedTest(name = "percent_rollout {0}")
  @ValueSource(ints = {0, 1, 50, 100})
  @DisplayName("contract 4: percent_rollout is an integer 0..100")
  void percentRange(int percent) {
    FlagEntry entry = entry("{\"percent_rollout\": " + percent + "}");
    assertTrue(entry.valid());
    assertEquals(percent, entry.settings().percentRollout());
  }

  @Test
  @DisplayName("contract 4: every problem is reported at once, across fields and flags")
  void everyProblemAtOnce() {
    ParsedConfig config = readable("""
        {"flags": {
          "A": {"enabled": "true", "percent_rollout": 150, "allowlist": [1, "x", 2], "salt": 7, "colour": "red"},
          "B": {"enabled": true, "shadow_mode": "on"},
          "C": {"enabled": true}
        }}
        """);
    List<String> problems =
        config.problems().stream().map(p -> p.flag() + "." + p.field() + "=" + p.value()).toList();
    assertEquals(List.of(
        "A.colour=\"red\"",
        "A.enabled=\"true\"",
        "A.allowlist[0]=1",
        "A.allowlist[2]=2",
        "A.percent_rollout=150",
        "A.salt=7",
        "B.shadow_mode=\"on\""), problems);
    assertFalse(config.flags().get("A").valid());
    assertFalse(config.flags().get("B").valid());
    assertTrue(config.flags().get("C").valid(), "one invalid entry never affects another");
  }

  @Test
  @DisplayName("contract 4: unknown fields are warnings, the entry stays valid")
  void unknownFieldsWarn() {
    ParsedConfig config = readable("{\"version\": 2, \"flags\": {\"F\": {\"enabled\": true, \"name\": \"F\"}}}");
    FlagEntry entry = config.flags().get("F");
    assertTrue(entry.valid());
    assertEquals(List.of(
        new ConfigProblem(null, "version", null, "unknown top-level field, ignored", ConfigProblem.Severity.WARNING),
        new ConfigProblem("F", "name", "\"F\"", "unknown field, ignored", ConfigProblem.Severity.WARNING)),
        config.problems());
  }

  @Test
  @DisplayName("contract 3: list entries are trimmed; blank entries are ignored with a warning")
  void listEntriesTrimmed() {
    FlagEntry entry = entry("{\"allowlist\": [\" a \", \"\\tb\", \"  \"], \"denylist\": [\"c \"]}");
    assertTrue(entry.valid());
    assertEquals(List.of("a", "b"), entry.settings().allowlist());
    assertEquals(List.of("c"), entry.settings().denylist());
    assertEquals("allowlist[2]", entry.problems().get(0).field());
    assertFalse(entry.problems().get(0).isError());
  }

  @Test
  @DisplayName("contract 4: a flag entry that is not an object is invalid on its own")
  void entryNotAnObject() {
    ParsedConfig config = readable("{\"flags\": {\"A\": true, \"B\": {\"enabled\": true}}}");
    assertFalse(config.flags().get("A").valid());
    assertEquals("true", config.flags().get("A").problems().get(0).value());
    assertTrue(config.flags().get("B").valid());
  }

  @Test
  @DisplayName("contract 4: active false with other errors is inactive; an invalid active is not")
  void inactive() {
    assertTrue(entry("{\"active\": false, \"percent_rollout\": 150}").inactive());
    assertFalse(entry("{\"active\": \"false\"}").inactive());
    assertFalse(entry("{\"active\": true}").inactive());
    assertFalse(entry("{}").inactive());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "half-written file            | '{\"flags\": {\"F\": {\"enabled\": tr'                     | line 1",
    "syntax error                 | '{\"flags\": {\n  \"F\": {\"enabled\": true,}\n}}'           | line 2, column",
    "trailing tokens              | '{\"flags\": {}} {\"flags\": {}}'                            | Trailing token",
    "duplicate flag               | '{\"flags\": {\"F\": {}, \"F\": {}}}'                        | Duplicate field 'F'",
    "duplicate field              | '{\"flags\": {\"F\": {\"enabled\": true, \"enabled\": false}}}' | Duplicate field 'enabled'",
    "comment                      | '{\"flags\": {} /* no */}'                                   | line 1",
    "single quotes                | '{\"flags\": {\"F\": {\"salt\": ''x''}}}'                    | line 1",
    "empty file                   | ''                                                           | empty",
    "blank file                   | '  \n '                                                      | empty",
    "top level array              | '[]'                                                         | \"flags\" object",
    "top level string             | '\"flags\"'                                                  | \"flags\" object",
    "no flags                     | '{\"flag\": {}}'                                             | \"flags\" object",
    "flags not an object          | '{\"flags\": []}'                                            | \"flags\" object",
  })
  @DisplayName("contract 4: content that cannot be read at all is unreadable, with a clear message")
  void unreadable(String description, String content, String messagePart) {
    String message = unreadable(content.getBytes(StandardCharsets.UTF_8));
    assertTrue(message.contains(messagePart), message);
  }

  @Test
  @DisplayName("contract 4: content that is not UTF-8 is unreadable")
  void notUtf8() {
    byte[] latin1 = "{\"flags\": {\"Jos\u00e9\": {}}}".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(unreadable(latin1).contains("not UTF-8"), unreadable(latin1));
    byte[] utf16 = "{\"flags\": {}}".getBytes(StandardCharsets.UTF_16);
    assertInstanceOf(ConfigFileParser.Unreadable.class, ConfigFileParser.parse(utf16));
  }

  @Test
  @DisplayName("contract 4: UTF-8 with a byte order mark is still UTF-8")
  void utf8Bom() {
    byte[] content = "\uFEFF{\"flags\": {\"Jos\u00e9\": {}}}".getBytes(StandardCharsets.UTF_8);
    ConfigFileParser.Result result = ConfigFileParser.parse(content);
    assertTrue(
        assertInstanceOf(ConfigFileParser.Readable.class, result).config().flags().containsKey("Jos\u00e9"));
  }

  @Test
  @DisplayName("contract 4: an empty flags object is readable: no flag from the file")
  void emptyFlags() {
    assertEquals(0, readable("{\"flags\": {}}").flags().size());
  }

  static ParsedConfig readable(String json) {
    ConfigFileParser.Result result = ConfigFileParser.parse(json.getBytes(StandardCharsets.UTF_8));
    return assertInstanceOf(ConfigFileParser.Readable.class, result, result::toString).config();
  }

  private static FlagEntry entry(String entryJson) {
    return readable("{\"flags\": {\"" + F + "\": " + entryJson + "}}").flags().get(F);
  }

  private static String unreadable(byte[] content) {
    ConfigFileParser.Result result = ConfigFileParser.parse(content);
    return assertInstanceOf(ConfigFileParser.Unreadable.class, result, result::toString).message();
  }
}
