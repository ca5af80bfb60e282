package dev.flaggate.testapp.hostile;

import java.util.List;

/** Shopper ids that break naive log writers; shared by the test application and its test. */
public final class HostileIds {

  public static final List<String> ALL = List.of(
      "quote\"inside",
      "back\\slash\\\\double",
      "line one\nline two\r\nline three",
      "tab\tand\u0000nul\u0007bell\u001b[31mred",
      "para\u2028graph\u2029sep\u0085next\u009bcsi",
      "emoji \uD83D\uDED2\uD83D\uDC69\u200D\uD83D\uDCBB caf\u00E9 \u4E2D\u6587",
      "{\"json\":true}",
      "</script><!-- ${jndi:ldap://x} %n %s {}",
      longId());

  private HostileIds() {}

  private static String longId() {
    // 10 KB of mixed escapes: quotes, backslashes, newlines and emoji all the way through
    StringBuilder id = new StringBuilder("long:");
    while (id.length() < 10 * 1024) {
      id.append("\"\\\n\uD83D\uDE00x");
    }
    return id.toString();
  }
}
