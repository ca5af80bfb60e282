package dev.flaggate.agent.rollout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@code String}'s own bytes, read in place, for the bucket's hash: four bytes in one load
 * instead of four {@code charAt} calls, each with its coder test and bounds check.
 *
 * <p>Only where {@code java.lang} is open to this class's module: the agent opens it to itself on
 * its start thread ({@code Instrumentation.redefineModule}, before anything routes). Elsewhere (the engine used
 * without the agent, a JVM that refuses) {@link #VALUE} is {@code null} and the hash reads chars
 * as before; both give the same bucket, which tests pin.
 */
final class StringBytes {

  /** {@code String.value}, or {@code null} when it cannot be read. */
  static final VarHandle VALUE;
  /** {@code String.coder}: 0 is LATIN1, one byte per char. */
  static final VarHandle CODER;
  /** Little-endian {@code int} reads from a {@code byte[]} at a byte index: murmur3's block order. */
  static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  static final byte LATIN1 = 0;

  static {
    VarHandle value = null;
    VarHandle coder = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(String.class, MethodHandles.lookup());
      VarHandle foundValue = lookup.findVarHandle(String.class, "value", byte[].class);
      VarHandle foundCoder = lookup.findVarHandle(String.class, "coder", byte.class);
      // the layout this class assumes, checked once: a LATIN1 string of one byte per char
      String probe = new String(new char[] {'o', 'k'});
      byte[] bytes = (byte[]) foundValue.get(probe);
      if ((byte) foundCoder.get(probe) == LATIN1 && bytes.length == 2 && bytes[0] == 'o' && bytes[1] == 'k') {
        value = foundValue;
        coder = foundCoder;
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notOpen) {
      // java.lang is not open to us, or String is not laid out as assumed: chars it is
    }
    VALUE = value;
    CODER = coder;
  }

  private StringBytes() {}
}
