package dev.flaggate.demo.tour;

import java.nio.charset.StandardCharsets;

/**
 * bucket(F, s) of contract section 3, recomputed by the tour so that it can say in advance which
 * shoppers a percent phase must switch on, and check that the agent did exactly that.
 */
final class Bucket {

  private Bucket() {}

  /**
   * @param salt the flag's salt (by default the flag name)
   * @param shopperId the shopper
   * @return 0..99
   */
  static int of(String salt, String shopperId) {
    int hash = murmur3(( salt + ":" + shopperId).getBytes(StandardCharsets.UTF_8), 0);
    return (int) (Integer.toUnsignedLong(hash) % 100);
  }

  /** MurmurHash3_x86_32. */
  static int murmur3(byte[] data, int seed) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h1 = seed;
    int length = data.length;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      int k1 = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
      h1 ^= mixK1(k1, c1, c2);
      h1 = Integer.rotateLeft(h1, 13);
      h1 = h1 * 5 + 0xe6546b64;
    }
    int k1 = 0;
    switch (length & 3) {
      case 3:
        k1 ^= (data[i + 2] & 0xff) << 16;
        // fall through
      case 2:
        k1 ^= (data[i + 1] & 0xff) << 8;
        // fall through
      case 1:
        k1 ^= data[i] & 0xff;
        h1 ^= mixK1(k1, c1, c2);
        break;
      default:
        break;
    }
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }

  private static int mixK1(int k1, int c1, int c2) {
    k1 *= c1;
    k1 = Integer.rotateLeft(k1, 15);
    return k1 * c2;
  }
}
