package dev.flaggate.agent.rollout;

import java.nio.charset.StandardCharsets;

/**
 * The bucket function of contract section 3 for one salt: murmur3_x86_32 (seed 0) of the UTF-8
 * bytes of {@code salt + ":" + shopperId}, unsigned, modulo 100.
 *
 * <p>Design: a bucket is computed on every gated call under a percent rollout, so it must not
 * allocate, and concatenating and encoding would create a {@code String} and a {@code byte[]} per
 * call. Instead the hash state over the salt prefix (whole 4-byte blocks, plus the 0..3 leftover
 * bytes) is computed once per rule, and the shopper id's chars are encoded to UTF-8 on the fly and
 * fed into that state (4 chars per block on the common ASCII path, read as one little-endian
 * {@code int} from the string's own bytes where the agent could open {@code java.lang} to itself,
 * see {@link StringBytes} and {@link #hash}; byte by byte on the general path). The encoding matches
 * {@link String#getBytes(java.nio.charset.Charset)} with UTF-8 exactly, including its replacement
 * of an unpaired surrogate by {@code '?'}, so the bucket equals the reference computation on the
 * concatenated bytes (tests pin this): the same shopper lands in the same bucket in every JVM and
 * in every other implementation of the contract. The result equals Unleash's flexible-rollout
 * normalisation with groupId = salt.
 */
final class SaltedHash {

  /** The hash state after the salt prefix's whole 4-byte blocks. */
  final int prefixState;
  /** The prefix's 0..3 leftover bytes, first byte lowest. */
  final int prefixTail;
  /** The prefix's length in bytes; its low two bits are the leftover count. */
  final int prefixLength;

  SaltedHash(String salt) {
    byte[] prefix = (salt + ":").getBytes(StandardCharsets.UTF_8);
    int blocks = prefix.length & ~3;
    int state = 0;
    for (int i = 0; i < blocks; i += 4) {
      state = Murmur3.mixBlock(state, Murmur3.littleEndianInt(prefix, i));
    }
    int tail = 0;
    for (int i = prefix.length - 1; i >= blocks; i--) {
      tail = tail << 8 | (prefix[i] & 0xff);
    }
    this.prefixState = state;
    this.prefixTail = tail;
    this.prefixLength = prefix.length;
  }

  /** The shopper's bucket, 0..99. */
  int bucket(String shopperId) {
    return bucket(prefixState, prefixTail, prefixLength, shopperId);
  }

  /** murmur3_x86_32, seed 0, of the UTF-8 bytes of {@code salt + ":" + shopperId}. */
  int hash(String shopperId) {
    return hash(prefixState, prefixTail, prefixLength, shopperId);
  }

  /** The same, reading the id's own bytes only when {@code readBytes} (and they can be read). */
  int hash(String shopperId, boolean readBytes) {
    return hash(prefixState, prefixTail, prefixLength, shopperId, readBytes && StringBytes.VALUE != null);
  }

  /**
   * The bucket, 0..99, of {@code shopperId} after the prefix whose state, leftover bytes and length
   * a {@code SaltedHash} computed. Static, so that a rule may hold those three values in its own
   * fields: a decision then reads them with the rule's other fields instead of after one more load.
   */
  static int bucket(int prefixState, int prefixTail, int prefixLength, String shopperId) {
    return Integer.remainderUnsigned(hash(prefixState, prefixTail, prefixLength, shopperId), 100);
  }

  /**
   * murmur3_x86_32, seed 0, of the UTF-8 bytes of the prefix (as {@link #bucket(int, int, int,
   * String)} takes it) followed by {@code shopperId}.
   */
  static int hash(int prefixState, int prefixTail, int prefixLength, String shopperId) {
    return hash(prefixState, prefixTail, prefixLength, shopperId, StringBytes.VALUE != null);
  }

  /**
   * As {@link #hash(int, int, int, String)}; {@code readBytes} picks the string's own bytes over its
   * chars where it can (tests run both paths against the reference).
   *
   * <p>Deliberately one method, the fast paths and the general path together: at over 325 bytes of
   * bytecode (C2's {@code FreqInlineSize}) it is never inlined, so a rule's {@code evaluate}, which
   * calls it for percent rollouts, keeps a machine code small enough to be inlined into every caller
   * (the router, the API's checks), lists-only rules included. Inlined, the hash's unrolled loops
   * made {@code evaluate} "already compiled into a big method" and cost every list decision a call.
   */
  static int hash(int prefixState, int prefixTail, int prefixLength, String shopperId, boolean readBytes) {
    int prefixTailLength = prefixLength & 3;
    int chars = shopperId.length();
    int head = (4 - prefixTailLength) & 3; // chars of an ASCII id that complete the prefix's block
    // ASCII fast paths (shopper ids are ASCII in practice): one byte per char, so the id's chars line
    // up with the reference's 4-byte blocks at a fixed offset. A non-ASCII char leaves for the general
    // path below, which hashes the whole id again (the state built so far is dropped). Each block is
    // tested on its own rather than through one accumulated mask: one variable fewer live across the
    // loop keeps the hash state in a register (C2 spilled it to the stack).
    // First over the string's own LATIN1 bytes, four per load, where they can be read (StringBytes),
    // for ids of 4 chars or more: the head and the tail are each one 4-byte load, masked or shifted,
    // rather than up to three byte loads with a test each.
    inPlace:
    if (readBytes && (byte) StringBytes.CODER.get(shopperId) == StringBytes.LATIN1 && chars >= 4) {
      byte[] bytes = (byte[]) StringBytes.VALUE.get(shopperId);
      int state = prefixState;
      int i = head;
      if (head != 0) {
        // the id's first head bytes (1..3) complete the prefix's partial block
        int first = (int) StringBytes.INT_LE.get(bytes, 0) & ((1 << (head << 3)) - 1);
        if ((first & 0x80808080) != 0) { // a LATIN1 byte past ASCII has its top bit set
          break inPlace;
        }
        state = Murmur3.mixBlock(state, prefixTail | first << (prefixTailLength << 3));
      }
      for (; i + 4 <= chars; i += 4) {
        int block = (int) StringBytes.INT_LE.get(bytes, i);
        if ((block & 0x80808080) != 0) {
          break inPlace;
        }
        state = Murmur3.mixBlock(state, block);
      }
      // the 0..3 bytes left are the top bytes of the id's last four; shifted down as a long, so that
      // with no tail nothing is left (an int shift by 32 would keep all four bytes, harmless only
      // because finish ignores a tail of length 0)
      int tailLength = chars - i;
      long last = (int) StringBytes.INT_LE.get(bytes, chars - 4) & 0xFFFF_FFFFL;
      int tail = (int) (last >>> ((4 - tailLength) << 3));
      if ((tail & 0x80808080) != 0) {
        break inPlace;
      }
      return Murmur3.finish(state, tail, tailLength, prefixLength + chars);
    }
    // then over its chars, four charAt calls per block (ids of 0..3 chars, UTF-16 strings, or where
    // the bytes cannot be read)
    fast:
    if (chars >= head) {
      int state = prefixState;
      int i = 0;
      if (head != 0) {
        // complete the salt's partial block with the id's first 1..3 chars (unrolled: no
        // loop-carried shift)
        char c0 = shopperId.charAt(0);
        char c1 = head > 1 ? shopperId.charAt(1) : 0;
        char c2 = head > 2 ? shopperId.charAt(2) : 0;
        if ((c0 | c1 | c2) >= 0x80) {
          break fast;
        }
        state = Murmur3.mixBlock(state, prefixTail | (c0 | c1 << 8 | c2 << 16) << (prefixTailLength << 3));
        i = head;
      }
      for (; i + 4 <= chars; i += 4) {
        char c0 = shopperId.charAt(i);
        char c1 = shopperId.charAt(i + 1);
        char c2 = shopperId.charAt(i + 2);
        char c3 = shopperId.charAt(i + 3);
        if ((c0 | c1 | c2 | c3) >= 0x80) {
          break fast;
        }
        state = Murmur3.mixBlock(state, c0 | c1 << 8 | c2 << 16 | c3 << 24);
      }
      int tailLength = chars - i;
      char t0 = tailLength > 0 ? shopperId.charAt(i) : 0;
      char t1 = tailLength > 1 ? shopperId.charAt(i + 1) : 0;
      char t2 = tailLength > 2 ? shopperId.charAt(i + 2) : 0;
      if ((t0 | t1 | t2) >= 0x80) {
        break fast;
      }
      return Murmur3.finish(state, t0 | t1 << 8 | t2 << 16, tailLength, prefixLength + chars);
    }
    // the general path: encodes every char to UTF-8 one by one into the salt prefix's state
    int state = prefixState;
    int pending = prefixTail;
    int pendingLength = prefixTailLength;
    int length = prefixLength;
    for (int i = 0; i < chars; i++) {
      char c = shopperId.charAt(i);
      int encoded; // the char's UTF-8 bytes, first byte lowest
      int byteCount;
      if (c < 0x80) {
        encoded = c;
        byteCount = 1;
      } else if (c < 0x800) {
        encoded = (0xc0 | c >>> 6) | (0x80 | c & 0x3f) << 8;
        byteCount = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < chars
          && Character.isLowSurrogate(shopperId.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, shopperId.charAt(++i));
        encoded =
            (0xf0 | cp >>> 18)
                | (0x80 | cp >>> 12 & 0x3f) << 8
                | (0x80 | cp >>> 6 & 0x3f) << 16
                | (0x80 | cp & 0x3f) << 24;
        byteCount = 4;
      } else if (Character.isSurrogate(c)) {
        // unpaired: String.getBytes(UTF_8) writes '?' and so must we, or buckets would differ
        encoded = '?';
        byteCount = 1;
      } else {
        encoded = (0xe0 | c >>> 12) | (0x80 | c >>> 6 & 0x3f) << 8 | (0x80 | c & 0x3f) << 16;
        byteCount = 3;
      }
      length += byteCount;
      for (int b = 0; b < byteCount; b++) {
        pending |= (encoded >>> (b << 3) & 0xff) << (pendingLength << 3);
        if (++pendingLength == 4) {
          state = Murmur3.mixBlock(state, pending);
          pending = 0;
          pendingLength = 0;
        }
      }
    }
    return Murmur3.finish(state, pending, pendingLength, length);
  }
}
