package dev.flaggate.demo.pipeline;

/**
 * Brazilian phone numbers to E.164 ({@code +5511987654321}), the format the canonical events use.
 *
 * <p>Stores keep numbers as their customers typed them: {@code (11) 98765-4321}, {@code 011 98765 4321},
 * {@code 55 11 98765-4321}. The legacy pipeline passes them on untouched; the new one normalises.
 */
public final class PhoneNumbers {

  private PhoneNumbers() {}

  /**
   * Normalises a number to E.164, assuming Brazil when no country code is given.
   *
   * @param raw the number as stored
   * @return {@code +} and the digits with country code
   */
  public static String toE164(String raw) {
    String trimmed = raw.strip();
    String digits = trimmed.replaceAll("[^0-9]", "");
    if (!trimmed.startsWith("+")) {
      if (digits.startsWith("00")) {
        digits = digits.substring(2); // international call prefix
      } else if (digits.startsWith("0")) {
        digits = digits.substring(1); // national trunk prefix
      }
      if (digits.length() == 10 || digits.length() == 11) {
        digits = "55" + digits; // area code and number without country code
      }
    }
    return "+" + digits;
  }

  /**
   * @param number a phone number
   * @return whether it is already in E.164 form
   */
  public static boolean isE164(String number) {
    return number.matches("\\+[1-9][0-9]{7,14}");
  }
}
