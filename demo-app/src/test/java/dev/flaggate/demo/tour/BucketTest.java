package dev.flaggate.demo.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tour's copy of bucket(F, s) must be contract 3's, or its percent expectations would be wrong. */
class BucketTest {

  @Test
  @DisplayName("contract 3: murmur3_x86_32 reference values")
  void murmur3_referenceVectors() {
    assertEquals(0x00000000, Bucket.murmur3(new byte[0], 0));
    assertEquals(0x514E28B7, Bucket.murmur3(new byte[0], 1));
    assertEquals(0x81F16F39, Bucket.murmur3(new byte[0], 0xffffffff));
    assertEquals(0x2362F9DE, Bucket.murmur3(new byte[4], 0));
    assertEquals(0x24884CBA, Bucket.murmur3("Hello, world!".getBytes(StandardCharsets.UTF_8), 0x9747b28c));
    assertEquals(0x2FA826CD, Bucket.murmur3(
        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0x9747b28c));
    assertEquals(0x72661CF4, Bucket.murmur3(new byte[] {0x21}, 0));
    assertEquals(0x7E4A8634, Bucket.murmur3(new byte[] {0x21, 0x43, 0x65}, 0));
  }

  @Test
  @DisplayName("contract 3: bucket is the unsigned hash of salt:shopper modulo 100")
  void bucket_unsignedModulo() {
    for (int i = 0; i < 10_000; i++) {
      int bucket = Bucket.of("WHATSAPP_CANONICAL_EVENTS_ENABLED", "shopper_" + i);
      assertTrue(bucket >= 0 && bucket < 100);
    }
    int hash = Bucket.murmur3("F:s".getBytes(StandardCharsets.UTF_8), 0);
    assertEquals((int) (Integer.toUnsignedLong(hash) % 100), Bucket.of("F", "s"));
  }
}
