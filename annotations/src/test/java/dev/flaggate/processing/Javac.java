package dev.flaggate.processing;

import dev.flaggate.FlagGated;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles source strings in-process against the API classes, keeping class files in memory, as a
 * user's build would: with the processor set explicitly, or found by {@code javac} on the processor
 * path through its service registration.
 */
final class Javac {

  private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile("(?m)^public\\s+(?:(?:final|abstract)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

  private Javac() {}

  /** Compiles with {@link FlagGatedProcessor} set explicitly. */
  static Result compile(String... sources) {
    return run(true, List.of("-classpath", apiClasses()), sources);
  }

  /** Compiles with no processor set: {@code javac} must find it through the service file on the processor path. */
  static Result compileWithProcessorPath(String... sources) {
    return run(false, List.of("-classpath", apiClasses(), "-processorpath", apiClasses()), sources);
  }

  private static Result run(boolean explicitProcessor, List<String> options, String... sources) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = COMPILER.getStandardFileManager(diagnostics, Locale.ROOT, null);
    List<JavaFileObject> units = new ArrayList<>();
    for (String source : sources) {
      units.add(new Source(source));
    }
    JavaCompiler.CompilationTask task =
        COMPILER.getTask(null, new InMemoryOutput(standard), diagnostics, options, null, units);
    if (explicitProcessor) {
      task.setProcessors(List.of(new FlagGatedProcessor()));
    }
    boolean success = task.call();
    return new Result(success, diagnostics.getDiagnostics());
  }

  private static String apiClasses() {
    try {
      return Path.of(FlagGated.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The 1-based line of the first line of {@code source} containing {@code text}. */
  static long lineOf(String source, String text) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + text);
  }

  /** What javac answered. */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

    List<Diagnostic<? extends JavaFileObject>> errors() {
      return of(Diagnostic.Kind.ERROR);
    }

    /** The processor's warnings only: javac's own notes and lint warnings are not ours to assert. */
    List<Diagnostic<? extends JavaFileObject>> warnings() {
      return of(Diagnostic.Kind.WARNING).stream()
          .filter(d -> d.getMessage(Locale.ROOT).startsWith("@FlagGated"))
          .collect(Collectors.toList());
    }

    private List<Diagnostic<? extends JavaFileObject>> of(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return diagnostics.stream()
          .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n", "success=" + success + "\n", ""));
    }
  }

  private static final class Source extends SimpleJavaFileObject {

    private final String code;

    Source(String code) {
      super(URI.create("string:///demo/" + typeName(code) + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    private static String typeName(String code) {
      Matcher matcher = TOP_LEVEL_TYPE.matcher(code);
      if (!matcher.find()) {
        throw new IllegalArgumentException("a test source declares one public top-level type:\n" + code);
      }
      return matcher.group(1);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  /** Class files go to memory: tests assert diagnostics, and nothing is left on disk. */
  private static final class InMemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {

    InMemoryOutput(JavaFileManager standard) {
      super(standard);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream();
        }
      };
    }
  }
}
