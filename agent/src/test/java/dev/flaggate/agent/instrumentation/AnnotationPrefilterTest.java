package dev.flaggate.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.FlagGated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transformer's first test of every class: does its constant pool name {@code @FlagGated}? */
class AnnotationPrefilterTest {

  private static final byte[] DESCRIPTOR = "Ldev/flaggate/FlagGated;".getBytes(StandardCharsets.US_ASCII);

  @Test
  @DisplayName("gated classes are found and others are not, with every kind of constant before the descriptor")
  void findsGatedClasses() throws IOException {
    assertTrue(AnnotationPrefilter.mentionsFlagGated(classFile("dev.flaggate.testapp.Checkout")));
    // longs and doubles take two slots of the pool, lambdas add method handles and invokedynamic
    assertTrue(AnnotationPrefilter.mentionsFlagGated(classFile(Wide.class.getName())));
    assertFalse(AnnotationPrefilter.mentionsFlagGated(classFile("dev.flaggate.testapp.Trace")));
    assertFalse(AnnotationPrefilter.mentionsFlagGated(classFile(String.class.getName())));
  }

  @Test
  @DisplayName("the constant-pool walk answers as a byte search of the whole file, for every class file at hand")
  void agreesWithAByteSearch() throws IOException {
    List<Path> roots = List.of(Path.of("target", "classes"), Path.of("target", "test-classes"));
    int files = 0;
    int gated = 0;
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class"))::iterator) {
          byte[] bytes = Files.readAllBytes(file);
          boolean expected = byteSearch(bytes);
          assertEquals(expected, AnnotationPrefilter.mentionsFlagGated(bytes), file.toString());
          files++;
          gated += expected ? 1 : 0;
        }
      }
    }
    // every class file of java.base, module-info included (its pool holds Module and Package constants)
    java.nio.file.FileSystem jrt = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"));
    try (Stream<Path> walk = Files.walk(jrt.getPath("modules", "java.base"))) {
      for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class"))::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(byteSearch(bytes), AnnotationPrefilter.mentionsFlagGated(bytes), file.toString());
        files++;
      }
    }
    assertTrue(files > 3_000 && gated > 10, files + " class files, " + gated + " of them gated: too few to mean anything");
  }

  @Test
  @DisplayName("truncated or foreign bytes answer false and never throw")
  void malformedBytes() throws IOException {
    byte[] gated = classFile("dev.flaggate.testapp.Checkout");
    int at = indexOf(gated, DESCRIPTOR);
    for (int cut = 0; cut < at + DESCRIPTOR.length; cut += 7) {
      assertFalse(AnnotationPrefilter.mentionsFlagGated(Arrays.copyOf(gated, cut)), "cut at " + cut);
    }
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    assertFalse(AnnotationPrefilter.mentionsFlagGated(noise));
    assertFalse(AnnotationPrefilter.mentionsFlagGated(DESCRIPTOR), "the descriptor alone is no class file");
  }

  private static boolean byteSearch(byte[] bytes) {
    return indexOf(bytes, DESCRIPTOR) >= 0;
  }

  private static int indexOf(byte[] bytes, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] classFile(String className) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException("no class file for " + className);
      }
      return in.readAllBytes();
    }
  }

  /** A gated class whose pool holds two-slot constants, method handles and invokedynamic first. */
  static final class Wide {
    static final long MANY = 1L << 40;
    static final double RATIO = 0.6180339887;

    @FlagGated(value = "WIDE", legacy = "legacyRun")
    long run(String shopperId) {
      LongSupplier lambda = () -> MANY + (long) (RATIO * shopperId.length());
      List<String> names = new ArrayList<>(List.of(shopperId));
      names.sort(String::compareTo);
      return lambda.getAsLong() + names.size();
    }

    long legacyRun(String shopperId) {
      return MANY;
    }
  }
}
