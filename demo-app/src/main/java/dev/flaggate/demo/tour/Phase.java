package dev.flaggate.demo.tour;

import dev.flaggate.demo.pipeline.Feature;
import java.util.List;
import java.util.Map;

/**
 * One step of the tour: the flag file to install, how to tell that the agent applied it, what each
 * migration must do while it is in effect, and the guide's checks for it.
 *
 * @param name the phase name for the table
 * @param file the file of {@code config/} to install
 * @param focus the migration this phase is about (its flag fills the table row)
 * @param expectations what every migration must do in this phase
 * @param probe a decision that must hold once the file is in effect
 * @param checks the checklist of the guide for this phase, computed from what happened
 */
record Phase(String name, String file, Feature focus, Map<Feature, Expectation> expectations, Probe probe,
    List<Check> checks) {

  /**
   * A decision the agent must give once the phase is in effect; the tour polls
   * {@code FlagGate.evaluate} for it before driving traffic.
   *
   * @param flag the flag
   * @param shopper a shopper whose answer changes with this phase
   * @param enabled the answer expected
   * @param reason the reason expected, or {@code null} for any
   */
  record Probe(String flag, String shopper, boolean enabled, String reason) {
    @Override
    public String toString() {
      return flag + "(" + shopper + ") = " + (enabled ? "on" : "off") + (reason == null ? "" : " [" + reason + "]");
    }
  }

  Expectation expectation(Feature feature) {
    return expectations.get(feature);
  }
}
