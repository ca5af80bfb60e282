package dev.flaggate.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the package structure of ARCHITECTURE.md honest. */
class ArchitectureTest {

  private static JavaClasses agent;

  @BeforeAll
  static void importClasses() {
    agent = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.flaggate");
  }

  @Test
  @DisplayName("the bridge in the bootstrap loader depends on nothing but java.* and itself")
  void bridgeDependsOnJavaOnly() {
    classes().that().resideInAPackage("dev.flaggate.bootstrap..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.flaggate.bootstrap..")
        .check(agent);
  }

  @Test
  @DisplayName("the rollout engine knows nothing of instrumentation, routing, observability or config files")
  void engineIsIndependent() {
    noClasses().that().resideInAPackage("dev.flaggate.agent.rollout..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.flaggate.agent.instrumentation..", "dev.flaggate.agent.routing..",
            "dev.flaggate.agent.observability..", "dev.flaggate.agent.config.watch..", "net.bytebuddy..")
        .check(agent);
  }

  @Test
  @DisplayName("instrumentation does not import Jackson, Micrometer or the config layer")
  void instrumentationStaysLean() {
    noClasses().that().resideInAPackage("dev.flaggate.agent.instrumentation..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.fasterxml.jackson..", "io.micrometer..", "dev.flaggate.agent.config..",
            "dev.flaggate.agent.observability..")
        .check(agent);
  }

  @Test
  @DisplayName("routing talks to observability only through its own ports")
  void routingDoesNotKnowObservability() {
    noClasses().that().resideInAPackage("dev.flaggate.agent.routing..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.flaggate.agent.observability..", "dev.flaggate.agent.config..", "com.fasterxml.jackson..",
            "io.micrometer..", "net.bytebuddy..")
        .check(agent);
  }

  @Test
  @DisplayName("the agent never references the API jar's classes (they belong to the application)")
  void agentNeverLinksTheApi() {
    noClasses().that().resideInAPackage("dev.flaggate.agent..")
        .should().dependOnClassesThat().resideInAPackage("dev.flaggate")
        .check(agent);
  }
}
