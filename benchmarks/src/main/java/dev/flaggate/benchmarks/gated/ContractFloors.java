package dev.flaggate.benchmarks.gated;

import java.util.HashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The parts the gated benchmarks' contract floors share: what any implementation of the contract
 * does per check is to count it and match the id exactly against the allowlist, and these build
 * and check that allowlist. The floors themselves stay in each benchmark, a few lines on the
 * measured path that must not gain a call or a load.
 */
final class ContractFloors {

  private ContractFloors() {}

  /**
   * The allowlist as the agent holds it: equal copies of the ids (read from the flag file), not the
   * ids asked about, so that a hit compares text. Checked to hold every allowlisted id and no other:
   * a set that missed every id would look cheap.
   */
  static Set<String> allowlistCopies() {
    Set<String> copies = new HashSet<>();
    for (String id : GatedIds.ALLOWED) {
      copies.add(new String(id.toCharArray()));
    }
    for (int i = 0; i < GatedIds.SIZE; i++) {
      if (!copies.contains(GatedIds.ALLOWED[i]) || copies.contains(GatedIds.OTHERS[i])) {
        throw new IllegalStateException("the equal copies must hold every allowlisted id and no other");
      }
    }
    return copies;
  }

  /**
   * Fails unless {@code floor} runs the new body for the allowlisted shoppers and legacy for the
   * others, as the gated method does: a floor that picked the wrong side would look cheap.
   */
  static void requireBothSides(ToIntFunction<String> floor, GatedService service, int cents) {
    for (int i = 0; i < GatedIds.SIZE; i++) {
      if (floor.applyAsInt(GatedIds.ALLOWED[i]) != service.newPriceDirect(GatedIds.ALLOWED[i], cents)
          || floor.applyAsInt(GatedIds.OTHERS[i]) != service.legacyPrice(GatedIds.OTHERS[i], cents)) {
        throw new IllegalStateException("the contract's floor must run new for the allowlist and legacy for the others");
      }
    }
  }
}
