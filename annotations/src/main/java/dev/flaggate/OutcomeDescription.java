package dev.flaggate;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Renders an outcome as type, size and a short keyed hash, so that divergence logs can show that two
 * outcomes differ (and which ones are alike) without ever showing personal data.
 *
 * <p>The hash is SHA-256 over a per-process random key followed by the outcome's text, cut to 8 hex
 * digits: equal outcomes hash alike within one JVM, and a guessable value (a phone number) cannot be
 * confirmed from the log by hashing candidates, because the key never leaves the process.
 */
final class OutcomeDescription {

  private static final byte[] KEY = randomKey();

  private OutcomeDescription() {}

  private static byte[] randomKey() {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    return key;
  }

  static String of(Object outcome) {
    if (outcome == null) {
      return "null";
    }
    if (outcome instanceof Throwable thrown) {
      String message = thrown.getMessage();
      return "threw " + thrown.getClass().getName()
          + (message == null ? "" : "(message length=" + message.length() + ", #" + shortHash(message) + ")");
    }
    String type = outcome.getClass().getTypeName();
    String size = sizeOf(outcome);
    String text = outcome.getClass().isArray() ? arrayText(outcome) : String.valueOf(outcome);
    return type + "(" + (size.isEmpty() ? "" : size + ", ") + "#" + shortHash(text) + ")";
  }

  private static String sizeOf(Object outcome) {
    if (outcome instanceof CharSequence text) {
      return "length=" + text.length();
    }
    if (outcome instanceof Collection<?> collection) {
      return "size=" + collection.size();
    }
    if (outcome instanceof Map<?, ?> map) {
      return "size=" + map.size();
    }
    if (outcome.getClass().isArray()) {
      return "length=" + Array.getLength(outcome);
    }
    return "";
  }

  private static String arrayText(Object array) {
    return Arrays.deepToString(new Object[] {array});
  }

  private static String shortHash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(KEY);
      byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
      return String.format("%02x%02x%02x%02x", hash[0], hash[1], hash[2], hash[3]);
    } catch (NoSuchAlgorithmException impossible) {
      // every JDK ships SHA-256; without it, say nothing rather than leak content
      return "????????";
    }
  }
}
