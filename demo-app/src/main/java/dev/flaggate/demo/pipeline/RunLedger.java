package dev.flaggate.demo.pipeline;

import dev.flaggate.FlagGate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's own observation point: which body ran for which shopper, in which role, and what the
 * dual-run comparators saw. A real service would not need it; the tour needs it to say, from what
 * actually happened, whose new code ran (the agent's metrics never carry a shopper id).
 *
 * <p>The tour reads one {@link Window} per phase: {@link #startWindow()} swaps in a fresh one.
 */
public final class RunLedger {

  private static volatile Window current = new Window();

  private RunLedger() {}

  /**
   * Records that a body ran; the role (primary or secondary) comes from {@link FlagGate#inShadow()}.
   *
   * @param feature which migration
   * @param newPath whether the new body ran (else legacy)
   * @param shopperId the shopper of the call
   */
  public static void ran(Feature feature, boolean newPath, String shopperId) {
    current.of(feature).ran(newPath, FlagGate.inShadow(), shopperId);
  }

  static void compared(Feature feature, Divergence.Verdict verdict, String detail) {
    current.of(feature).compared(verdict, detail);
  }

  /**
   * Starts a new observation window and returns the one that ended.
   *
   * @return the window that was current until now
   */
  public static Window startWindow() {
    Window ended = current;
    current = new Window();
    return ended;
  }

  /** @return the window being filled now */
  public static Window current() {
    return current;
  }

  /** Observations of one period, per feature. */
  public static final class Window {
    private final Map<Feature, Runs> runs = new EnumMap<>(Feature.class);

    Window() {
      for (Feature feature : Feature.values()) {
        runs.put(feature, new Runs());
      }
    }

    /**
     * @param feature a migration
     * @return what ran for it in this window
     */
    public Runs of(Feature feature) {
      return runs.get(feature);
    }

    /** @return a number that changes whenever anything is recorded, to tell when work has settled */
    public long activity() {
      long sum = 0;
      for (Runs r : runs.values()) {
        sum += r.activity();
      }
      return sum;
    }
  }

  /** What ran for one feature: shoppers per body and role, run counts, comparisons. */
  public static final class Runs {
    private final Set<String> newPrimary = ConcurrentHashMap.newKeySet();
    private final Set<String> newSecondary = ConcurrentHashMap.newKeySet();
    private final Set<String> legacyPrimary = ConcurrentHashMap.newKeySet();
    private final Set<String> legacySecondary = ConcurrentHashMap.newKeySet();
    private final LongAdder primaryRuns = new LongAdder();
    private final LongAdder secondaryRuns = new LongAdder();
    private final LongAdder comparisons = new LongAdder();
    private final LongAdder nonCritical = new LongAdder();
    private final LongAdder critical = new LongAdder();
    private final List<String> criticalSamples = Collections.synchronizedList(new ArrayList<>());

    void ran(boolean newPath, boolean secondary, String shopperId) {
      String shopper = shopperId == null ? "" : shopperId;
      if (secondary) {
        (newPath ? newSecondary : legacySecondary).add(shopper);
        secondaryRuns.increment();
      } else {
        (newPath ? newPrimary : legacyPrimary).add(shopper);
        primaryRuns.increment();
      }
    }

    void compared(Divergence.Verdict verdict, String detail) {
      comparisons.increment();
      switch (verdict) {
        case NON_CRITICAL -> nonCritical.increment();
        case CRITICAL -> {
          critical.increment();
          if (criticalSamples.size() < 5) {
            criticalSamples.add(detail);
          }
        }
        default -> { }
      }
    }

    /** @return shoppers whose new body answered the caller */
    public Set<String> newPrimary() {
      return newPrimary;
    }

    /** @return shoppers whose new body ran as the secondary (shadow) */
    public Set<String> newSecondary() {
      return newSecondary;
    }

    /** @return shoppers whose legacy body answered the caller */
    public Set<String> legacyPrimary() {
      return legacyPrimary;
    }

    /** @return shoppers whose legacy body ran as the secondary (dual-run with the new code answering) */
    public Set<String> legacySecondary() {
      return legacySecondary;
    }

    /** @return executions on the secondary side ({@code FlagGate.inShadow()} true), either body */
    public long secondaryRuns() {
      return secondaryRuns.sum();
    }

    /** @return executions that answered a caller */
    public long primaryRuns() {
      return primaryRuns.sum();
    }

    /** @return comparisons the agent asked the comparator for */
    public long comparisons() {
      return comparisons.sum();
    }

    /** @return divergences, critical or not */
    public long divergences() {
      return nonCritical.sum() + critical.sum();
    }

    /** @return critical divergences (see {@link Divergence}) */
    public long critical() {
      return critical.sum();
    }

    /** @return up to five descriptions of critical divergences, without personal data */
    public List<String> criticalSamples() {
      synchronized (criticalSamples) {
        return List.copyOf(criticalSamples);
      }
    }

    long activity() {
      return primaryRuns.sum() + secondaryRuns.sum() + comparisons.sum();
    }
  }
}
