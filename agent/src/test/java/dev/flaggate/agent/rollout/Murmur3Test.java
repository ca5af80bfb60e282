package dev.flaggate.agent.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract 3, bucket(F, s): the hash is murmur3_x86_32, exactly. */
class Murmur3Test {

  private static final long SEED = 20260107L;

  /**
   * Published vectors of MurmurHash3_x86_32. Source: Ian Boyd's answer "MurmurHash3 test vectors"
   * on Stack Overflow (https://stackoverflow.com/a/31929528), computed with the SMHasher reference
   * implementation and widely cited since. Each is also checked against commons-codec's
   * independent implementation, so a wrong vector could not pass by agreeing with our own code.
   */
  @ParameterizedTest(name = "\"{0}\" seed {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|0x00000000|0x00000000",
        "''|0x00000001|0x514E28B7",
        "''|0xffffffff|0x81F16F39",
        "'\0\0\0\0'|0x00000000|0x2362F9DE",
        "'Hello, world!'|0x9747b28c|0x24884CBA",
        "'The quick brown fox jumps over the lazy dog'|0x9747b28c|0x2FA826CD",
      })
  @DisplayName("contract 3 bucket: published murmur3_x86_32 test vectors")
  void publishedVectors(String input, String seedHex, String expectedHex) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    int seed = Integer.parseUnsignedInt(seedHex.substring(2), 16);
    int expected = Integer.parseUnsignedInt(expectedHex.substring(2), 16);

    assertEquals(expected, Murmur3.hash32(bytes, seed), "ours");
    assertEquals(expected, MurmurHash3.hash32x86(bytes, 0, bytes.length, seed), "commons-codec");
  }

  /** Byte-array vectors from the same answer: unsigned blocks, endianness and each tail length. */
  @ParameterizedTest(name = "[{0}] seed {1} -> {2}")
  @CsvSource({
    "FFFFFFFF, 0x00000000, 0x76293B50",
    "21436587, 0x00000000, 0xF55B516B",
    "21436587, 0x5082EDEE, 0x2362F9DE",
    "214365, 0x00000000, 0x7E4A8634",
    "2143, 0x00000000, 0xA0F7B07A",
    "21, 0x00000000, 0x72661CF4",
    "000000, 0x00000000, 0x85F0B427",
    "0000, 0x00000000, 0x30F4C306",
    "00, 0x00000000, 0x514E28B7",
  })
  @DisplayName("contract 3 bucket: published murmur3_x86_32 byte vectors, every tail length")
  void publishedByteVectors(String hex, String seedHex, String expectedHex) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    int seed = Integer.parseUnsignedInt(seedHex.substring(2), 16);
    int expected = Integer.parseUnsignedInt(expectedHex.substring(2), 16);

    assertEquals(expected, Murmur3.hash32(bytes, seed), "ours");
    assertEquals(expected, MurmurHash3.hash32x86(bytes, 0, bytes.length, seed), "commons-codec");
  }

  /**
   * SMHasher's own verification value for MurmurHash3_x86_32, 0xB0F57EE3 (the {@code Murmur3A}
   * line of SMHasher's main.cpp, computed by its VerificationTest): hash the keys {}, {0}, {0,1},
   * ..., {0..254} with seed 256 - length, concatenate the 256 hashes little-endian, hash that with
   * seed 0, and read the result little-endian.
   */
  @Test
  @DisplayName("contract 3 bucket: SMHasher verification value of MurmurHash3_x86_32")
  void smhasherVerificationValue() {
    byte[] key = new byte[256];
    byte[] hashes = new byte[256 * 4];
    for (int i = 0; i < 256; i++) {
      key[i] = (byte) i;
      byte[] prefix = java.util.Arrays.copyOf(key, i);
      int h = Murmur3.hash32(prefix, 256 - i);
      for (int b = 0; b < 4; b++) {
        hashes[i * 4 + b] = (byte) (h >>> (8 * b));
      }
    }
    assertEquals(0xB0F57EE3, Murmur3.hash32(hashes, 0));
  }

  @Test
  @DisplayName("contract 3 bucket: hash32 equals commons-codec hash32x86 on random bytes")
  void equalsCommonsCodecOnRandomBytes() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      assertEquals(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), Murmur3.hash32(bytes));
    }
  }

  @Test
  @DisplayName("contract 3 bucket: streamed salt:id equals the hash of its UTF-8 bytes, surrogates included")
  void streamingEqualsWholeBytes() {
    SplittableRandom random = new SplittableRandom(SEED);
    String[] salts = {"", "a", "ab", "abc", "abcd", "WHATSAPP_CANONICAL_EVENTS_ENABLED", "sál", "盐", "😀x"};
    for (String salt : salts) {
      SaltedHash streamed = new SaltedHash(salt);
      for (int i = 0; i < 5_000; i++) {
        String id = randomUnicode(random);
        byte[] bytes = (salt + ":" + id).getBytes(StandardCharsets.UTF_8);
        int expected = Murmur3.hash32(bytes);
        assertEquals(expected, streamed.hash(id), () -> "salt " + salt + ", id " + escape(id));
        assertEquals(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), expected);
      }
    }
  }

  @Test
  @DisplayName("contract 3 bucket: ASCII ids of every length and block alignment, then one non-ASCII char anywhere")
  void asciiFastPathEqualsWholeBytes() {
    SplittableRandom random = new SplittableRandom(SEED);
    String[] salts = {"", "a", "ab", "abc", "abcd", "bench-cohort", "sál", "😀"};
    for (String salt : salts) {
      SaltedHash streamed = new SaltedHash(salt);
      for (int length = 0; length <= 40; length++) {
        for (int round = 0; round < 50; round++) {
          char[] chars = new char[length];
          for (int i = 0; i < length; i++) {
            chars[i] = (char) random.nextInt(0, 0x80);
          }
          String ascii = new String(chars);
          assertBothPaths(reference(salt, ascii), streamed, ascii, salt);
          if (length > 0) {
            // one char past ASCII, in the head, a block or the tail: the fast paths must hand over,
            // from a LATIN1 string (a byte past 0x7f) as from a UTF-16 one
            int at = random.nextInt(length);
            chars[at] = (char) random.nextInt(0x80, 0x100);
            String latin1 = new String(chars);
            assertBothPaths(reference(salt, latin1), streamed, latin1, salt);
            chars[at] = (char) random.nextInt(0x100, 0x800);
            String mixed = new String(chars);
            assertBothPaths(reference(salt, mixed), streamed, mixed, salt);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("the agent's setting (java.lang open, as surefire's argLine opens it here): ids are read as bytes")
  void bytesAreReadWhereJavaLangIsOpen() {
    assertNotNull(StringBytes.VALUE, "run with --add-opens=java.base/java.lang=ALL-UNNAMED, as the pom does");
    assertEquals("bytes", RolloutEngine.bucketReads());
  }

  /** The id's own bytes and its chars give the reference hash alike. */
  private static void assertBothPaths(int expected, SaltedHash streamed, String id, String salt) {
    assertEquals(expected, streamed.hash(id, true), () -> "bytes, salt " + salt + ", id " + escape(id));
    assertEquals(expected, streamed.hash(id, false), () -> "chars, salt " + salt + ", id " + escape(id));
  }

  private static int reference(String salt, String id) {
    byte[] bytes = (salt + ":" + id).getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "lone high surrogate at the end, 'ab\uD83D'",
    "lone high surrogate before a letter, '\uD83Dab'",
    "lone low surrogate, 'a\uDE00b'",
    "two high surrogates then a low, '\uD83D\uD83D\uDE00'",
    "reversed pair, '\uDE00\uD83D'",
    "paired surrogates, 'shopper_\uD83D\uDE00'",
  })
  @DisplayName("contract 3 bucket: unpaired surrogates encode as String.getBytes(UTF_8) does")
  void surrogateEdgeCases(String description, String id) {
    SaltedHash streamed = new SaltedHash("F");
    assertEquals(
        Murmur3.hash32(("F:" + id).getBytes(StandardCharsets.UTF_8)), streamed.hash(id), description);
  }

  /** Ids of 0..24 chars mixing ASCII, 2- and 3-byte chars, surrogate pairs and lone surrogates. */
  static String randomUnicode(SplittableRandom random) {
    StringBuilder id = new StringBuilder();
    int length = random.nextInt(25);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> id.append((char) random.nextInt(0x20, 0x7f));
        case 2 -> id.append((char) random.nextInt(0x80, 0x800));
        case 3 -> id.append((char) random.nextInt(0x800, 0x10000)); // lone surrogates included
        case 4 -> id.appendCodePoint(random.nextInt(0x10000, 0x110000));
        default -> id.append((char) random.nextInt(0xD800, 0xE000));
      }
    }
    return id.toString();
  }

  private static String escape(String id) {
    StringBuilder out = new StringBuilder();
    id.chars().forEach(c -> out.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
    return out.toString();
  }
}
