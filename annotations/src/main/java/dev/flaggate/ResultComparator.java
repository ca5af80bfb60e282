package dev.flaggate;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decides whether the legacy and the new outcome of a dual-run call are equivalent, and renders an
 * outcome for the divergence log.
 *
 * <p>An outcome is the value a side returned, or the {@link Throwable} it threw. Implementations
 * need a public no-argument constructor and must be thread-safe: comparisons run on the agent's
 * secondary threads.
 *
 * <pre>{@code
 * public final class IgnoringTimestamps implements ResultComparator {
 *   public boolean equivalent(Object legacy, Object candidate) {
 *     return legacy instanceof Receipt a && candidate instanceof Receipt b && a.id().equals(b.id());
 *   }
 * }
 * }</pre>
 */
public interface ResultComparator {

  /**
   * Whether the two outcomes count as the same answer.
   *
   * @param legacy what the legacy side returned, or the {@code Throwable} it threw
   * @param candidate what the new side returned, or the {@code Throwable} it threw
   * @return {@code true} when they are equivalent; {@code false} is logged and counted as a divergence
   */
  boolean equivalent(Object legacy, Object candidate);

  /**
   * Renders one outcome for a divergence log line. The default shows its type, size and a short
   * hash, never its content: outcomes can carry message bodies and phone numbers. Override to show
   * what is safe to log for your type.
   *
   * @param outcome a returned value or a thrown {@code Throwable}, possibly {@code null}
   * @return a short, single-line description
   */
  default String describe(Object outcome) {
    return OutcomeDescription.of(outcome);
  }

  /**
   * The default comparator: {@code equals}, arrays by content (deeply), and two throwables match when
   * their class and message match.
   */
  final class Equality implements ResultComparator {

    /** Creates the default comparator; it holds no state. */
    public Equality() {}

    @Override
    public boolean equivalent(Object legacy, Object candidate) {
      if (legacy instanceof Throwable a && candidate instanceof Throwable b) {
        return a.getClass() == b.getClass() && Objects.equals(a.getMessage(), b.getMessage());
      }
      if (legacy != null && candidate != null && legacy.getClass().isArray() && candidate.getClass().isArray()) {
        // deepEquals picks the primitive overload for primitive arrays
        return Arrays.deepEquals(new Object[] {legacy}, new Object[] {candidate});
      }
      return Objects.equals(legacy, candidate);
    }
  }

}
