package dev.flaggate.demo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      "+5511987654321|+5511987654321",
      "(11) 98765-4321|+5511987654321",
      "011 98765 4321|+5511987654321",
      "55 11 98765-4321|+5511987654321",
      "0055 11 98765-4321|+5511987654321",
      "' +55 (11) 9 8765-4321 '|+5511987654321",
      "(21) 3456-7890|+552134567890"})
  void toE164_storeFormats(String raw, String e164) {
    assertEquals(e164, PhoneNumbers.toE164(raw));
    assertTrue(PhoneNumbers.isE164(PhoneNumbers.toE164(raw)));
  }

  @ParameterizedTest
  @CsvSource({"(11) 98765-4321", "5511987654321", "+55 11 98765 4321"})
  void isE164_rejectsStoreFormats(String raw) {
    assertFalse(PhoneNumbers.isE164(raw));
  }
}
