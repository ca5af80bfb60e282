package dev.flaggate.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the form {@code --key value} or {@code --flag}. */
public final class Args {

  private final Map<String, String> values = new LinkedHashMap<>();

  private Args() {}

  /**
   * @param args the command line
   * @param flags options that take no value
   * @return the parsed options
   * @throws IllegalArgumentException on anything that is not an option
   */
  public static Args parse(String[] args, List<String> flags) {
    Args parsed = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String key = arg.substring(2);
      int equals = key.indexOf('=');
      if (equals > 0) {
        parsed.values.put(key.substring(0, equals), key.substring(equals + 1));
      } else if (flags.contains(key)) {
        parsed.values.put(key, "true");
      } else if (i + 1 < args.length) {
        parsed.values.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + key + " needs a value");
      }
    }
    return parsed;
  }

  /**
   * @param key an option name
   * @return its value, or {@code null}
   */
  public String get(String key) {
    return values.get(key);
  }

  /**
   * @param key an option name
   * @param fallback the default
   * @return its value as an int
   */
  public int getInt(String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, not '" + value + "'");
    }
  }

  /**
   * @param key an option name
   * @return whether it was given
   */
  public boolean has(String key) {
    return values.containsKey(key);
  }
}
