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
 * as a UTF-8 constant, so a byte search over the class file rejects every other class before any
 * parsing, at the cost of one scan (no allocation, no class loading). False positives (the string in
 * an unrelated constant) just cost a parse. This class is plain JDK, so installing it in
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
