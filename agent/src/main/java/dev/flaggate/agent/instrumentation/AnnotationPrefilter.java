package dev.flaggate.agent.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Passes a class to Byte Buddy only when its raw bytes mention {@code @FlagGated}.
 *
 * <p>Design note: an application loads tens of thousands of classes and a handful declare gated
 * methods. A class that uses the annotation must hold its descriptor {@code Ldev/flaggate/FlagGated;}
 * as a UTF-8 constant, so a byte search over the class file rejects every other class before any
 * parsing, at the cost of one scan (no allocation, no type pool, no class loading). False positives
 * (the string in an unrelated constant) just cost a parse.
 */
final class AnnotationPrefilter implements ClassFileTransformer {

  private static final byte[] DESCRIPTOR = "Ldev/flaggate/FlagGated;".getBytes(StandardCharsets.US_ASCII);

  private final ClassFileTransformer delegate;

  AnnotationPrefilter(ClassFileTransformer delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) throws IllegalClassFormatException {
    if (classfileBuffer == null || !mentionsFlagGated(classfileBuffer)) {
      return null;
    }
    return delegate.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) throws IllegalClassFormatException {
    if (classfileBuffer == null || !mentionsFlagGated(classfileBuffer)) {
      return null;
    }
    return delegate.transform(module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  static boolean mentionsFlagGated(byte[] classFile) {
    byte first = DESCRIPTOR[0];
    int last = classFile.length - DESCRIPTOR.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (classFile[i] != first) {
        continue;
      }
      for (int j = 1; j < DESCRIPTOR.length; j++) {
        if (classFile[i + j] != DESCRIPTOR[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
