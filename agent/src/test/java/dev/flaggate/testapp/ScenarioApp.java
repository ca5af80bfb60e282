package dev.flaggate.testapp;

import dev.flaggate.FlagGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Small scenarios for the forked-JVM tests: {@code companions}, {@code misconfigured}, {@code reload}, {@code quote}, {@code api}, {@code shadow-reload}, {@code loader}, {@code buckets}, {@code recursion}. */
public final class ScenarioApp {

  private ScenarioApp() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "companions" -> companions();
      case "misconfigured" -> misconfigured();
      case "reload" -> reload(Path.of(args[1]));
      case "quote" -> System.out.println("RESULT " + new Checkout().quote("shopper_001", 1));
      case "api" -> api();
      case "shadow-reload" -> shadowReload(Path.of(args[1]), Boolean.parseBoolean(args[2]));
      case "loader" -> loader();
      case "buckets" -> buckets();
      case "recursion" -> recursion(Integer.parseInt(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** The flag of {@link #buckets}: a 50 % rollout with its own salt. */
  public static final String BUCKETS_FLAG = "BUCKETS_HALF";

  /** Shopper ids of every length 0..40, ASCII, with a LATIN1 char past ASCII, and in UTF-16. */
  public static List<String> bucketIds() {
    List<String> ids = new ArrayList<>();
    StringBuilder ascii = new StringBuilder();
    for (int length = 1; length <= 40; length++) {
      ascii.append((char) ('a' + length % 26));
      ids.add(ascii.toString());
      ids.add("shopper_" + length * 7919);
      ids.add(ascii.toString().replace('e', '\u00e9')); // LATIN1, one byte per char, past ASCII
      ids.add(ascii.toString().replace('f', '\u20ac')); // UTF-16
    }
    return ids;
  }

  /**
   * The agent's decision for each of {@link #bucketIds}, by index: a percent rollout decides
   * every one by its bucket, as the application sees it through the API.
   */
  private static void buckets() {
    List<String> ids = bucketIds();
    for (int i = 0; i < ids.size(); i++) {
      System.out.println("DECISION " + i + " " + FlagGate.isEnabled(BUCKETS_FLAG, ids.get(i)));
    }
    // the agent opens java.lang to itself only: never to the application's classes
    System.out.println("JAVA_LANG_OPEN_TO_APP " + String.class.getModule().isOpen("java.lang", ScenarioApp.class.getModule()));
  }

  /**
   * Which loader defined the agent's router, as the application resolves the name through its own
   * loader (parent first), then one gated call.
   */
  private static void loader() throws ClassNotFoundException {
    ClassLoader loader = Class.forName("dev.flaggate.agent.routing.Router").getClassLoader();
    System.out.println("LOADER " + (loader == null ? "bootstrap" : loader.getName()));
    System.out.println("RESULT " + new Checkout().quote("shopper_001", 1));
  }

  /** The API by hand; no string concatenation or record toString, which would link method handles of their own. */
  private static void api() {
    boolean attached = FlagGate.agentAttached();
    boolean in = FlagGate.isEnabled("API_FLAG", "shopper_in");
    dev.flaggate.Decision out = FlagGate.evaluate("API_FLAG", "shopper_out");
    boolean shadow = FlagGate.inShadow();
    System.out.println(new StringBuilder("API attached=").append(attached).append(" in=").append(in)
        .append(" out=").append(out.enabled()).append('/').append(out.reason()).append(" shadow=").append(shadow));
  }

  /**
   * {@link Recursive#depth} for one shopper, three levels deep, then {@code deep} levels deep: what
   * the caller got and which bodies ran where ({@code PROBE}), then the deep call's answer or throwable.
   */
  private static void recursion(int deep) throws InterruptedException {
    Recursive recursive = new Recursive();
    int answer = recursive.depth("shopper_a", 3);
    Thread.sleep(500); // the secondaries, however many were started, have run by now
    System.out.println("PROBE shallow | " + answer + " | " + String.join(",", Trace.drain()));
    String deepAnswer;
    try {
      deepAnswer = String.valueOf(recursive.depth("shopper_a", deep));
    } catch (Throwable e) {
      deepAnswer = "threw " + e;
    }
    System.out.println("PROBE deep | " + deepAnswer + " | ");
  }

  private static void companions() throws InterruptedException {
    Companions companions = new Companions();
    for (String shopper : new String[] {"shopper_a", "shopper_b", "shopper_c"}) {
      String answer = companions.publish(shopper);
      int expected = shopper.equals("shopper_c") ? 1 : 2;
      System.out.println("PROBE " + shopper + " | " + answer + " | " + String.join(",", Trace.await(expected)));
    }
  }

  private static void misconfigured() {
    Misconfigured m = new Misconfigured();
    System.out.println("RESULT missingLegacy=" + m.missingLegacy("s") + " wrongSignature=" + m.wrongSignature("s")
        + " noLegacy=" + m.noLegacyButReturnsValue("s") + " static=" + Misconfigured.staticMismatch("s")
        + " fine=" + m.fine("s"));
    Misconfigured.Template template = new Misconfigured.Template() {
      @Override
      public String step(String shopperId) {
        return "subclass";
      }
    };
    System.out.println("RESULT template=" + template.step("s"));
    Misconfigured.Greeting greeting = new Misconfigured.Greeting() {};
    Misconfigured.AbstractLegacy abstractLegacy = new Misconfigured.AbstractLegacy() {
      @Override
      String legacyRun(String shopperId) {
        return "subclass legacy";
      }
    };
    System.out.println("RESULT greeting=" + greeting.greet("s") + " abstractLegacy=" + abstractLegacy.run("s"));
  }

  /**
   * Edits the flag file the way operators do and prints, after each edit, the first decision that
   * changed (or that it did not change within the wait).
   */
  private static void reload(Path file) throws Exception {
    System.out.println("STEP start " + FlagGate.evaluate("RELOADED", "shopper_001"));
    replace(file, "{\"flags\": {\"RELOADED\": {\"enabled\": true, \"allowlist\": [\"shopper_001\"]}}}");
    System.out.println("STEP renamed " + awaitChange("allowlist"));
    Files.writeString(file, "{\"flags\": {\"RELOADED\": {\"enabled\": tru");
    System.out.println("STEP halfWritten " + awaitChange("never"));
    Files.writeString(file, "{\"flags\": {\"RELOADED\": {\"enabled\": true, \"percent_rollout\": \"50\"}}}");
    System.out.println("STEP badType " + awaitChange("invalid_config"));
    Files.delete(file);
    System.out.println("STEP deleted " + awaitChange("never"));
    Files.writeString(file, "{\"flags\": {\"RELOADED\": {\"enabled\": false}}}");
    System.out.println("STEP recreated " + awaitChange("disabled"));
  }

  /**
   * A gated call, then (if {@code turnOnShadow}) a reload that turns shadow mode on for its flag,
   * then 1.5 s for the agent's warm-up to run, which a test sees in the class-load log.
   */
  private static void shadowReload(Path file, boolean turnOnShadow) throws Exception {
    System.out.println("STEP quote " + new Checkout().quote("shopper_001", 1));
    if (turnOnShadow) {
      replace(file, "{\"flags\": {\"CHECKOUT_V2\": {\"enabled\": true, \"shadow_mode\": true}}}");
    } else {
      replace(file, "{\"flags\": {\"CHECKOUT_V2\": {\"enabled\": true, \"allowlist\": [\"shopper_002\"]}}}");
    }
    long deadline = System.nanoTime() + 3_000_000_000L;
    String expected = turnOnShadow ? "enabled" : "not_in_allowlist";
    while (System.nanoTime() < deadline && !FlagGate.evaluate("CHECKOUT_V2", "shopper_001").reason().equals(expected)) {
      Thread.sleep(5);
    }
    System.out.println("STEP reloaded " + FlagGate.evaluate("CHECKOUT_V2", "shopper_001").reason());
    Thread.sleep(1_500);
  }

  private static void replace(Path file, String content) throws Exception {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Waits up to 3 s for the reason of RELOADED/shopper_001 to become {@code reason}; prints what it is then. */
  private static String awaitChange(String reason) throws InterruptedException {
    long deadline = System.nanoTime() + (reason.equals("never") ? 1_500_000_000L : 3_000_000_000L);
    while (System.nanoTime() < deadline) {
      if (FlagGate.evaluate("RELOADED", "shopper_001").reason().equals(reason)) {
        break;
      }
      Thread.sleep(5);
    }
    return FlagGate.evaluate("RELOADED", "shopper_001").toString();
  }
}
