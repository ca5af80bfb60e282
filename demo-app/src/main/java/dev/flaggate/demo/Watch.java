package dev.flaggate.demo;

import dev.flaggate.Decision;
import dev.flaggate.FlagGate;
import dev.flaggate.demo.pipeline.EventLog;
import dev.flaggate.demo.pipeline.Feature;
import dev.flaggate.demo.pipeline.RunLedger;
import dev.flaggate.demo.pipeline.WhatsAppService;
import dev.flaggate.demo.traffic.MessageStream;
import dev.flaggate.demo.traffic.Shopper;
import dev.flaggate.demo.traffic.Shoppers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Interactive mode: the service runs continuously against a flag file the user names and edits;
 * one line per second says who is on the new code. Ctrl-C stops it.
 */
final class Watch {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Watch() {}

  static int run(Args args, PrintStream out) {
    if (!FlagGate.agentAttached()) {
      System.err.println("flaggate demo: the Flaggate agent is not attached; refusing to run the pipeline "
          + "(its new code would answer everyone). Use: java -jar demo-app/target/flaggate-demo.jar --watch FILE");
      return 2;
    }
    Path flagFile = Path.of(args.get("flag-file"));
    int shopperCount = args.getInt("shoppers", 3000);
    int rate = args.getInt("rate", 2000);
    List<Shopper> population = Shoppers.population(shopperCount);
    MessageStream stream = new MessageStream(population);
    WhatsAppService service = WhatsAppService.simulated(EventLog.toFile(Path.of(args.get("event-log"))));
    out.printf("Watching %s with %d shoppers at %d messages/s. Edit the file (e.g. copy config/percent-25.json over "
        + "it) and watch the routing change. Ctrl-C stops.%n", flagFile, shopperCount, rate);
    if (args.get("metrics-port") != null) {
      out.println("  agent metrics: curl -s http://127.0.0.1:" + args.get("metrics-port") + "/metrics | grep -v '^#'");
    }
    decisions(out);
    out.println("  shares are of the shoppers who wrote that second; 'shadow' = new code ran as the secondary; diverged = dual-run "
        + "divergences (critical ones in brackets)");
    long modified = modified(flagFile);
    long next = System.nanoTime();
    RunLedger.startWindow();
    while (true) {
      next += 1_000_000_000L;
      long sent = 0;
      long errors = 0;
      while (System.nanoTime() < next) {
        long due = next - 1_000_000_000L + sent * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        try {
          service.receive(stream.next());
        } catch (RuntimeException e) {
          errors++;
        }
        sent++;
      }
      RunLedger.Window window = RunLedger.startWindow();
      long now = modified(flagFile);
      if (now != modified) {
        modified = now;
        out.println("-- " + flagFile.getFileName() + " changed --");
        decisions(out);
      }
      out.println(line(window, sent, errors));
    }
  }

  /** The seed shoppers' decisions for the three flags, as the agent answers now. */
  private static void decisions(PrintStream out) {
    for (Feature feature : Feature.values()) {
      StringBuilder line = new StringBuilder(String.format("  %-9s", feature.label() + ":"));
      for (String shopper : List.of(Shoppers.TEST_SHOPPER, "shopper_001", Shoppers.PROBLEM_SHOPPER)) {
        Decision decision = FlagGate.evaluate(feature.flag(), shopper);
        line.append(String.format(" %s %s (%s);", shopper, decision.enabled() ? "on" : "off", decision.reason()));
      }
      out.println(line);
    }
  }

  /** One live line; shares are of the shoppers who wrote during the second. */
  static String line(RunLedger.Window window, long sent, long errors) {
    StringBuilder line = new StringBuilder(LocalTime.now().format(TIME)).append(String.format(" %5d msg/s", sent));
    if (errors > 0) {
      line.append(" (").append(errors).append(" errors)");
    }
    for (Feature feature : Feature.values()) {
      RunLedger.Runs runs = window.of(feature);
      java.util.Set<String> seen = new java.util.HashSet<>(runs.newPrimary());
      seen.addAll(runs.legacyPrimary());
      int writers = Math.max(1, seen.size());
      line.append(String.format(" | %s: new %s shadow %s", feature.label(),
          share(runs.newPrimary().size(), writers), share(runs.newSecondary().size(), writers)));
      if (runs.comparisons() > 0) {
        line.append(String.format(" diverged %d/%d [%d]", runs.divergences(), runs.comparisons(), runs.critical()));
      }
    }
    return line.toString();
  }

  private static String share(int part, int whole) {
    return part == 0 ? "0%" : String.format("%.1f%%", 100.0 * part / whole);
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (Exception e) {
      return -1;
    }
  }
}
