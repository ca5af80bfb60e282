package dev.flaggate.agent.observability.logging;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escapes for log lines that must stay one line whatever the reader.
 *
 * <p>Jackson already escapes ASCII controls (so {@code \n} never breaks a line). This adds what
 * some readers still treat as a line break or a terminal command: U+2028 and U+2029 (line
 * separators for JavaScript and some log viewers), DEL and the C1 controls U+0080..U+009F (0x9B is a
 * terminal's CSI), and every surrogate. Surrogates are escaped because Jackson sees one char at a
 * time: escaping all of them is the only way to carry a lone surrogate (a broken shopper id) through
 * intact instead of as a replacement character; emoji cost twelve bytes and parse back unchanged.
 */
final class LineSafeEscapes extends CharacterEscapes {

  private static final long serialVersionUID = 1L;

  private final int[] asciiEscapes;

  LineSafeEscapes() {
    asciiEscapes = standardAsciiEscapesForJSON();
    asciiEscapes[0x7F] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return asciiEscapes;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch == 0x2028 || ch == 0x2029 || (ch >= 0x80 && ch <= 0x9F) || Character.isSurrogate((char) ch)) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
    return null;
  }
}
