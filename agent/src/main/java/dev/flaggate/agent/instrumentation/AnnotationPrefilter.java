package dev.flaggate.agent.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The class-file transformer the JVM calls for every class: it passes a class to Byte Buddy only
 * when its raw bytes mention {@code @FlagGated}.
 *
 * <p>Design note: an application loads tens of thousands of classes and a handful declare gated
 * methods. A class that uses the annotation must hold its descriptor {@code Ldev/flaggate/FlagGated;}
 * as a UTF-8 constant, so a byte search over the class file rejects every other class before any
 * parsing, at the cost of one scan (no allocation, no type pool, no class loading). False positives
 * (the string in an unrelated constant) just cost a parse.
 *
 * <p>This class is plain JDK so that it can be installed first, within milliseconds of
 * {@code premain}; the Byte Buddy transformer it delegates to is built on a background thread. A
 * gated class that loads before it is ready waits for it (bounded).
 */
final class AnnotationPrefilter implements ClassFileTransformer {

  private static final byte[] DESCRIPTOR = "Ldev/flaggate/FlagGated;".getBytes(StandardCharsets.US_ASCII);
  private static final long WAIT_SECONDS = 60;

  private final CompletableFuture<ClassFileTransformer> delegate;

  AnnotationPrefilter(CompletableFuture<ClassFileTransformer> delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) throws IllegalClassFormatException {
    return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
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
    ClassFileTransformer byteBuddy = awaitDelegate(className);
    if (byteBuddy == null) {
      return null;
    }
    return module == null
        ? byteBuddy.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer)
        : byteBuddy.transform(module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private ClassFileTransformer awaitDelegate(String className) {
    try {
      return delegate.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (Exception notReady) {
      // the failure was already reported where the transformer is built
    }
    System.err.println("flaggate: ERROR: " + className + " loads unrouted: the agent's transformer is not available");
    return null;
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
