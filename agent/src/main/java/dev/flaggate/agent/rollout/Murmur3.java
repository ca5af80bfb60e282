package dev.flaggate.agent.rollout;

/**
 * MurmurHash3, the 32-bit x86 variant ({@code MurmurHash3_x86_32} of Austin Appleby's SMHasher),
 * the hash behind {@code bucket(F, s)} of contract section 3.
 *
 * <p>The whole-array form serves tests and benchmarks; the decision path streams a shopper id after
 * a precomputed salt prefix through {@link SaltedHash}, which reuses the mixing steps below. Both
 * produce the same value as the reference implementation for the same bytes.
 */
public final class Murmur3 {

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /** The hash of {@code data} with seed 0, the seed the bucket function uses. */
  public static int hash32(byte[] data) {
    return hash32(data, 0);
  }

  /** The hash of {@code data} with {@code seed}; other seeds serve the published test vectors. */
  public static int hash32(byte[] data, int seed) {
    int h1 = seed;
    int blocks = data.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h1 = mixBlock(h1, littleEndianInt(data, i));
    }
    int tail = 0;
    for (int i = data.length - 1; i >= blocks; i--) {
      tail = tail << 8 | (data[i] & 0xff);
    }
    return finish(h1, tail, data.length - blocks, data.length);
  }

  /** Folds one complete 4-byte block (little-endian) into the running state. */
  static int mixBlock(int h1, int block) {
    h1 ^= mixK1(block);
    h1 = Integer.rotateLeft(h1, 13);
    return h1 * 5 + 0xe6546b64;
  }

  /**
   * Folds the 0..3 leftover bytes ({@code tail}, little-endian) and the total length into the
   * state, then avalanches it: the end of the reference algorithm.
   */
  static int finish(int h1, int tail, int tailLength, int totalLength) {
    if (tailLength > 0) {
      h1 ^= mixK1(tail);
    }
    h1 ^= totalLength;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }

  static int littleEndianInt(byte[] data, int offset) {
    return (data[offset] & 0xff)
        | (data[offset + 1] & 0xff) << 8
        | (data[offset + 2] & 0xff) << 16
        | (data[offset + 3] & 0xff) << 24;
  }

  private static int mixK1(int k1) {
    k1 *= C1;
    k1 = Integer.rotateLeft(k1, 15);
    return k1 * C2;
  }
}
