package dev.flaggate.demo.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.traffic.Shopper;
import dev.flaggate.demo.traffic.Shoppers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** config/ holds exactly the table of contract section 9, in the format of contract section 4. */
class ConfigFilesTest {

  private static final Path CONFIG = Path.of(System.getProperty("flaggate.config.dir", "../config"));
  private static final List<String> SHOPPERS = Shoppers.population(3000).stream().map(Shopper::id).toList();
  private static final Set<String> FIELDS =
      Set.of("enabled", "active", "shadow_mode", "dual_run", "allowlist", "denylist", "percent_rollout", "salt");

  static Stream<Arguments> phases() {
    return Phases.tour(SHOPPERS).stream().map(phase -> Arguments.of(Named.of(phase.name() + " (" + phase.file() + ")", phase)));
  }

  @Test
  @DisplayName("contract 9: one file per phase of the seed, in config/")
  void everyPhaseOfTheSeedHasAFile() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> listing = Files.list(CONFIG)) {
      listing.map(path -> path.getFileName().toString()).forEach(files::add);
    }
    for (String phase : List.of("dev", "staging", "canary", "rollback", "percent-5", "percent-10", "percent-25",
        "percent-50", "percent-100", "cutover")) {
      assertTrue(files.contains(phase + ".json"), phase + ".json missing from " + files);
    }
    Set<String> used = new TreeSet<>();
    Phases.tour(SHOPPERS).forEach(phase -> used.add(phase.file()));
    assertEquals(files, used, "every file in config/ is a phase of the tour, and the reverse");
  }

  @ParameterizedTest(name = "contract 4: {0} uses only the FeatureFlagConfig fields, strictly typed")
  @MethodSource("phases")
  @SuppressWarnings("unchecked")
  void strictFormat(Phase phase) throws IOException {
    Map<String, Object> root = (Map<String, Object>) read(phase.file());
    assertEquals(Set.of("flags"), root.keySet());
    for (Map.Entry<String, Object> flag : ((Map<String, Object>) root.get("flags")).entrySet()) {
      Map<String, Object> entry = (Map<String, Object>) flag.getValue();
      for (Map.Entry<String, Object> field : entry.entrySet()) {
        String where = phase.file() + " " + flag.getKey() + "." + field.getKey();
        assertTrue(FIELDS.contains(field.getKey()), "unknown field " + where);
        switch (field.getKey()) {
          case "enabled", "active", "shadow_mode", "dual_run" -> assertInstanceOf(Boolean.class, field.getValue(), where);
          case "percent_rollout" -> {
            long percent = assertInstanceOf(Long.class, field.getValue(), where);
            assertTrue(percent >= 0 && percent <= 100, where);
          }
          case "salt" -> assertInstanceOf(String.class, field.getValue(), where);
          default -> ((List<Object>) assertInstanceOf(List.class, field.getValue(), where))
              .forEach(item -> assertInstanceOf(String.class, item, where));
        }
      }
    }
  }

  @ParameterizedTest(name = "contract 9: {0} switches on exactly whom the guide says, with the route it says")
  @MethodSource("phases")
  void fileProducesThePhase(Phase phase) throws IOException {
    ReferenceRules rules = new ReferenceRules(read(phase.file()));
    for (Feature feature : Feature.values()) {
      Expectation expectation = phase.expectation(feature);
      Set<String> expected = expectation.on(SHOPPERS);
      for (String shopper : SHOPPERS) {
        boolean on = rules.on(feature.flag(), shopper);
        assertEquals(expected.contains(shopper), on, phase.file() + ": " + feature.flag() + " for " + shopper);
        if (on) {
          assertEquals(expectation.route(), route(rules, feature, shopper), phase.file() + ": route of " + shopper);
        }
      }
    }
  }

  @Test
  @DisplayName("contract 3: the kill switch of rollback.json beats the canaries' allowlist")
  void rollbackIsAKillSwitch() throws IOException {
    ReferenceRules rules = new ReferenceRules(read("rollback.json"));
    for (String canary : Shoppers.CANARIES) {
      assertEquals(false, rules.on(Feature.CANONICAL.flag(), canary));
    }
  }

  /** Contract 6: S and D from the companion flags when the annotation names them, else the entry's fields. */
  private static Route route(ReferenceRules rules, Feature feature, String shopper) {
    boolean shadow;
    boolean dualRun;
    if (feature == Feature.CANONICAL) {
      shadow = rules.on("WHATSAPP_CANONICAL_SHADOW_MODE", shopper);
      dualRun = rules.on("WHATSAPP_DUAL_RUN", shopper);
    } else {
      shadow = rules.field(feature.flag(), "shadow_mode");
      dualRun = rules.field(feature.flag(), "dual_run");
    }
    if (shadow) {
      return dualRun ? Route.SHADOW_COMPARED : Route.SHADOW;
    }
    return dualRun ? Route.NEW_ANSWERS_COMPARED : Route.NEW_ONLY;
  }

  private static Object read(String file) throws IOException {
    return MiniJson.parse(Files.readString(CONFIG.resolve(file), StandardCharsets.UTF_8));
  }
}
