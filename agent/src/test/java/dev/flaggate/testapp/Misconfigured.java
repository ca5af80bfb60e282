package dev.flaggate.testapp;

import dev.flaggate.FlagGated;

/** Gated methods the agent cannot route: each must be reported and left as it is. */
public class Misconfigured {

  @FlagGated(value = "BROKEN", legacy = "doesNotExist")
  public String missingLegacy(String shopperId) {
    return "own body";
  }

  @FlagGated(value = "BROKEN", legacy = "otherSignature")
  public String wrongSignature(String shopperId) {
    return "own body";
  }

  String otherSignature(String shopperId, int extra) {
    return "legacy";
  }

  @FlagGated("BROKEN")
  public int noLegacyButReturnsValue(String shopperId) {
    return 7;
  }

  @FlagGated(value = "BROKEN", legacy = "instanceLegacy")
  public static String staticMismatch(String shopperId) {
    return "own body";
  }

  String instanceLegacy(String shopperId) {
    return "legacy";
  }

  /** Beside the broken ones, a correct method in the same class is still routed. */
  @FlagGated(value = "BROKEN", legacy = "legacyFine")
  public String fine(String shopperId) {
    return "new";
  }

  private String legacyFine(String shopperId) {
    return "legacy";
  }

  /** A default method of an interface: the agent routes methods of classes only. */
  public interface Greeting {
    @FlagGated(value = "BROKEN", legacy = "legacyGreet")
    default String greet(String shopperId) {
      return "own body";
    }

    default String legacyGreet(String shopperId) {
      return "legacy";
    }
  }

  /** The legacy is abstract: a subclass's body would answer for it. */
  public abstract static class AbstractLegacy {
    @FlagGated(value = "BROKEN", legacy = "legacyRun")
    public String run(String shopperId) {
      return "own body";
    }

    abstract String legacyRun(String shopperId);
  }

  /** Abstract methods have no body to gate. */
  public abstract static class Template {
    @FlagGated(value = "BROKEN", legacy = "legacyStep")
    public abstract String step(String shopperId);

    String legacyStep(String shopperId) {
      return "legacy";
    }
  }
}
