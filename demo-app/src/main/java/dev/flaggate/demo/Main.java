package dev.flaggate.demo;

import dev.flaggate.demo.tour.Tour;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the demo jar.
 *
 * <pre>
 * java -jar demo-app/target/flaggate-demo.jar                       the tour (starts a JVM with the agent)
 * java -jar demo-app/target/flaggate-demo.jar --watch config/x.json interactive: edit the file, watch
 * </pre>
 *
 * <p>The launcher ({@link Launcher}) re-runs this class in a child JVM with {@code -javaagent}; the
 * child gets {@code --run-tour} or {@code --run-watch} and refuses to run without the agent.
 */
public final class Main {

  private Main() {}

  /**
   * @param args see the class comment, or {@code --help}
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    try {
      if (args.length > 0 && args[0].equals("--run-tour")) {
        return Tour.run(Args.parse(rest(args), List.of()), System.out);
      }
      if (args.length > 0 && args[0].equals("--run-watch")) {
        return Watch.run(Args.parse(rest(args), List.of()), System.out);
      }
      return Launcher.run(Args.parse(args, Launcher.FLAGS));
    } catch (IllegalArgumentException badUsage) {
      System.err.println("flaggate demo: " + badUsage.getMessage());
      System.err.println(Launcher.USAGE);
      return 64;
    }
  }

  private static String[] rest(String[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }
}
