package dev.flaggate.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process start-up: {@code java -cp app.jar Main} with and without
 * {@code -javaagent:flaggate-agent.jar}, for the small demo-shaped app and the 10,000-class app.
 *
 * <p>Wall time from process start to exit, many runs each. Runs alternate (without, with, without,
 * ...) rather than one series after the other, so that the load of a shared machine falls on both
 * sides alike; two untimed runs of each warm the page cache first. Each app's output is checked
 * once on each side ({@code agent=true|false} and the same total), so a broken agent cannot look
 * fast. Prints one JSON object with every sample in milliseconds.
 *
 * <pre>java -cp gated-benchmarks.jar dev.flaggate.benchmarks.startup.StartupBenchmark AGENT_JAR API_JAR WORK_DIR SMALL_RUNS BIG_RUNS [DEMO_JAR DEMO_FLAGS]</pre>
 */
public final class StartupBenchmark {

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path api = Path.of(args[1]).toAbsolutePath();
    Path work = Path.of(args[2]).toAbsolutePath();
    int smallRuns = Integer.parseInt(args[3]);
    int bigRuns = Integer.parseInt(args[4]);
    Files.createDirectories(work);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder json = new StringBuilder("{");
    if (args.length > 6 && Files.exists(Path.of(args[5]))) {
      Path demoJar = Path.of(args[5]).toAbsolutePath();
      json.append(measure("demo", StartupApps.demo(work, demoJar), demoJar, agent, Path.of(args[6]).toAbsolutePath(),
          "startup.DemoStart", java, smallRuns, work));
    } else {
      json.append(measure("small", StartupApps.small(work, api), api, agent, work.resolve("small/flags.json"), "demo.Main",
          java, smallRuns, work));
    }
    json.append(",");
    json.append(measure("big", StartupApps.big(work, api), api, agent, work.resolve("big/flags.json"), "big.Main", java, bigRuns, work));
    System.out.println(json.append("}"));
  }

  private static String measure(String name, Path app, Path api, Path agent, Path flags, String main, String java,
      int runs, Path work) throws IOException, InterruptedException {
    String classPath = app + File.pathSeparator + api;
    List<String> without = List.of(java, "-cp", classPath, main);
    List<String> with = List.of(java, "-javaagent:" + agent + "=config=" + flags + ",log=off,metrics-port=0", "-cp", classPath, main);
    List<String> empty = List.of(java, "-javaagent:" + StartupApps.emptyAgent(work), "-cp", classPath, main);
    List<String> transforming = List.of(java, "-javaagent:" + StartupApps.transformingAgent(work), "-cp", classPath, main);
    String plain = check(without, work, "agent=false");
    String agented = check(with, work, "agent=true");
    if (!plain.substring(plain.indexOf(' ')).equals(agented.substring(agented.indexOf(' ')))
        && name.equals("big")) {
      // the small app routes differently with the agent (that is the point); the big one must only differ in flags
      System.err.println("note: " + name + " answers " + plain + " without and " + agented + " with the agent");
    }
    List<List<String>> variants = List.of(without, with, empty, transforming);
    for (List<String> variant : variants) {
      time(variant); // warms the page cache, untimed
    }
    long[] classes = {loadedClasses(without, work), loadedClasses(with, work)};
    double[][] times = new double[variants.size()][runs];
    for (int i = 0; i < runs; i++) {
      // rotate which variant goes first, so none always follows another
      for (int k = 0; k < variants.size(); k++) {
        int variant = (i + k) % variants.size();
        times[variant][i] = time(variants.get(variant));
      }
    }
    return String.format(Locale.ROOT, "\"%s\": {\"appClasses\": %d, \"loadedWithout\": %d, \"loadedWith\": %d,"
        + " \"loadedWithByteBuddy\": %d, \"loadedWithJackson\": %d, \"without\": %s, \"with\": %s,"
        + " \"emptyAgent\": %s, \"transformingAgent\": %s}", name,
        name.equals("big") ? StartupApps.BIG_CLASSES + 2 : 0, classes[0] >> 32, classes[1] >> 32,
        classes[1] >> 16 & 0xffff, classes[1] & 0xffff, Arrays.toString(times[0]), Arrays.toString(times[1]),
        Arrays.toString(times[2]), Arrays.toString(times[3]));
  }

  private static String check(List<String> command, Path work, String expected) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    int exit = process.waitFor();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    String last = output.lines().filter(l -> l.startsWith("agent=")).reduce((x, y) -> y).orElse("");
    if (exit != 0 || !last.startsWith(expected) || output.contains("FAILED") || output.contains("MISCONFIGURED")) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + output);
    }
    return last;
  }

  /**
   * Classes the JVM loads in one run ({@code -Xlog:class+load}), the evidence of where start-up goes:
   * packed as total << 32 | Byte Buddy << 16 | Jackson (the agent's shaded copies).
   */
  private static long loadedClasses(List<String> command, Path work) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "classes", ".log");
    Files.delete(log); // an existing file would be rotated aside by -Xlog, leaving a stray copy
    List<String> logged = new ArrayList<>(command);
    logged.add(1, "-Xlog:class+load:file=" + log);
    new ProcessBuilder(logged).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    List<String> lines = Files.readAllLines(log);
    Files.delete(log);
    long byteBuddy = lines.stream().filter(l -> l.contains(" dev.flaggate.shaded.bytebuddy.")).count();
    long jackson = lines.stream().filter(l -> l.contains(" dev.flaggate.shaded.jackson.")).count();
    return (long) lines.size() << 32 | byteBuddy << 16 | jackson;
  }

  private static double time(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    long elapsed = System.nanoTime() - start;
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
    }
    return Math.round(elapsed / 1e4) / 100.0; // ms, two decimals
  }
}
