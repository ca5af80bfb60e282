package dev.flaggate.agent.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import dev.flaggate.agent.routing.SiteRegistry;

/**
 * The class-file transformer the JVM calls for every class: it hands a class to the
 * {@link GatedClassTransformer} only when its raw bytes mention {@code @FlagGated}.
 *
 * <p>Design note: an application loads tens of thousands of classes and a handful declare gated
 * methods. A class that uses the annotation must hold its descriptor {@code Ldev/flaggate/FlagGated;}
 * as a UTF-8 constant, so a walk over the class file's constant pool rejects every other class before
 * any parsing (no allocation, no class loading; see {@link #mentionsFlagGated}). False positives (the
 * string in an unrelated constant) just cost a parse. This class is plain JDK, so installing it in
 * {@code premain} loads nothing else; the rewriting machinery loads with the first gated class.
 */
final class AnnotationPrefilter implements ClassFileTransformer {

  private static final byte[] DESCRIPTOR = "Ldev/flaggate/FlagGated;".getBytes(StandardCharsets.US_ASCII);
  private static final String[] OWN_PACKAGES = {"dev/flaggate/agent/", "dev/flaggate/bootstrap/", "dev/flaggate/shaded/"};

  private final SiteRegistry sites;
  private final InstrumentationReporter reporter;
  private volatile GatedClassTransformer delegate;

  AnnotationPrefilter(SiteRegistry sites, InstrumentationReporter reporter) {
    this.sites = sites;
    this.reporter = reporter;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) throws IllegalClassFormatException {
    if (classfileBuffer == null || isOwn(className) || !mentionsFlagGated(classfileBuffer)) {
      return null;
    }
    return delegate().transform(loader, className, classBeingRedefined, classfileBuffer);
  }

  private GatedClassTransformer delegate() {
    GatedClassTransformer current = delegate;
    if (current == null) {
      synchronized (this) {
        current = delegate;
        if (current == null) {
          current = new GatedClassTransformer(sites, reporter);
          delegate = current;
        }
      }
    }
    return current;
  }

  private static boolean isOwn(String className) {
    if (className == null) {
      return false;
    }
    for (String own : OWN_PACKAGES) {
      if (className.startsWith(own)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the class file's constant pool holds the UTF-8 constant {@code Ldev/flaggate/FlagGated;},
   * as every class using the annotation does.
   *
   * <p>It walks the pool entry by entry: a tag, then a jump over the entry, and a comparison only for
   * UTF-8 entries of the descriptor's exact length. A byte-by-byte search for the descriptor touched
   * every byte of every class the application loads (its first byte, {@code L}, starts every object
   * descriptor), most of them while the search still ran in the interpreter; the walk touches a few
   * bytes per constant and stops at the end of the pool, before fields, methods and code. A string
   * constant that happens to equal the descriptor is a harmless false positive (one parse). Bytes that
   * are not a class file this JVM could define answer false: the JVM rejects them anyway.
   */
  static boolean mentionsFlagGated(byte[] classFile) {
    int end = classFile.length;
    if (end < 10) {
      return false;
    }
    int count = u2(classFile, 8);
    int at = 10;
    for (int index = 1; index < count; index++) {
      if (at >= end) {
        return false;
      }
      switch (classFile[at]) {
        case 1 -> { // Utf8: u2 length, then the bytes
          if (at + 3 > end) {
            return false;
          }
          int length = u2(classFile, at + 1);
          if (length == DESCRIPTOR.length && isDescriptorAt(classFile, at + 3)) {
            return true;
          }
          at += 3 + length;
        }
        case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
        case 5, 6 -> { // Long, Double: eight bytes and two slots of the pool
          at += 9;
          index++;
        }
        case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
        case 15 -> at += 4; // MethodHandle
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  private static boolean isDescriptorAt(byte[] classFile, int at) {
    if (at + DESCRIPTOR.length > classFile.length) {
      return false;
    }
    for (int i = 0; i < DESCRIPTOR.length; i++) {
      if (classFile[at + i] != DESCRIPTOR[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] bytes, int at) {
    return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
  }
}
