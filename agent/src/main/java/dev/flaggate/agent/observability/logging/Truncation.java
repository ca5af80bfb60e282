package dev.flaggate.agent.observability.logging;

/**
 * Bounds the length of strings written to the log, so that no value, however long, makes a line
 * unbounded. A cut string ends with a marker saying how much was left out.
 */
public final class Truncation {

  private Truncation() {}

  /**
   * Returns {@code text} unchanged if it has at most {@code maxChars} chars, else its first
   * {@code maxChars} chars followed by a marker such as {@code …[truncated, 14000 chars in all]}.
   * Never splits a surrogate pair. {@code null} stays {@code null}.
   */
  public static String cap(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    // a cut between the halves of a surrogate pair would leave half a character
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…[truncated, " + text.length() + " chars in all]";
  }
}
