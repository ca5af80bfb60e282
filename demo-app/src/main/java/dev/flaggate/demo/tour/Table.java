package dev.flaggate.demo.tour;

import java.io.PrintStream;

/** The phase table: one row per phase, its checks underneath. */
final class Table {

  private static final String ROW = "%-16s %-9s %7s %7s %7s %8s %8s %5s %5s %9s %9s  %s%n";

  private final PrintStream out;

  Table(PrintStream out) {
    this.out = out;
  }

  void header() {
    out.print(headerText());
  }

  String headerText() {
    return String.format(ROW, "phase", "flag", "new as", "new in", "shadow", "compared", "diverged", "crit.", "sec.",
        "p95 ms", "p95 ms", "checks")
        + String.format(ROW, "", "", "primary", "shadow", "runs", "", "", "", "err.", "legacy", "new", "")
        + "-".repeat(118) + System.lineSeparator();
  }

  /** Prints the row of a phase and returns it, for the summary. */
  String row(PhaseResult r, int passed, int total) {
    var runs = r.focus();
    int shoppers = r.shoppers.size();
    var secondaryErrors = r.agentDelta("secondary_errors_total", "flag", r.phase.focus().flag());
    var divergences = r.agentDelta("divergence_count_total", "flag", r.phase.focus().flag());
    String row = String.format(ROW, r.phase.name(), r.phase.focus().label(),
        percent(runs.newPrimary().size(), shoppers), percent(runs.newSecondary().size(), shoppers),
        runs.secondaryRuns(), runs.comparisons(),
        divergences.isPresent() ? String.valueOf((long) divergences.getAsDouble()) : runs.divergences() + "*",
        runs.critical(),
        secondaryErrors.isPresent() ? String.valueOf((long) secondaryErrors.getAsDouble()) : "n/a",
        millis(r.p95Ms("legacy")), millis(r.p95Ms("new")),
        (passed == total ? "PASS " : "FAIL ") + passed + "/" + total);
    out.print(row);
    return row;
  }

  void check(Check check, Check.Outcome outcome) {
    out.printf("    %s %s: %s%n", outcome.pass() ? "ok  " : "FAIL", check.name(), outcome.detail());
  }

  private static String percent(int part, int whole) {
    if (part == 0) {
      return "0";
    }
    double share = 100.0 * part / whole;
    return share < 0.1 ? String.format("%.2f%%", share) : String.format("%.1f%%", share);
  }

  private static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    if (Double.isInfinite(ms)) {
      return ">max";
    }
    return "<=" + (ms < 1 ? String.format("%.3f", ms) : String.format("%.1f", ms));
  }
}
