package dev.flaggate.agent.config;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.TokenStreamFactory;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ReaderBasedJsonParser;
import com.fasterxml.jackson.core.sym.CharsToNameCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;

/**
 * jackson-core's parser over a char array, made as {@code JsonFactory.createParser(char[], int, int)}
 * makes it (default constraints and features, plus strict duplicate detection), without loading
 * {@code JsonFactory}.
 *
 * <p>Why: the flag file is parsed on the agent's start path, before the first gated call can be
 * answered, and in a cold JVM {@code JsonFactory} is the costliest class there. Verifying it loads
 * every generator and non-blocking parser class its methods return, which a reader never uses:
 * a cold first parse took 48-56 ms through the factory against 22-30 ms this way (five JVMs each).
 * The classes used here are jackson-core's public ones; the shaded version is pinned, so a change
 * of their constructors breaks the build, and {@code CharArrayJsonParsersTest} checks that both
 * parsers read the same tokens and report the same errors at the same places.
 */
final class CharArrayJsonParsers {

  /** The factory's default parser features, with strict duplicate detection: a duplicate key fails the parse. */
  private static final int FEATURES = JsonParser.Feature.collectDefaults()
      | StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature().getMask();

  private CharArrayJsonParsers() {}

  /** A parser of {@code length} chars of {@code text} from {@code offset}, read in place. */
  static JsonParser over(char[] text, int offset, int length) {
    IOContext context = new IOContext(StreamReadConstraints.defaults(), StreamWriteConstraints.defaults(),
        ErrorReportConfiguration.defaults(), new BufferRecycler(),
        ContentReference.construct(false, text, offset, length, ErrorReportConfiguration.defaults()), false);
    // a root of its own per parse: the factory shares one across parses, a file read a few times a day need not
    CharsToNameCanonicalizer names = CharsToNameCanonicalizer.createRoot((TokenStreamFactory) null).makeChild();
    return new ReaderBasedJsonParser(context, FEATURES, null, null, names, text, offset, offset + length, false);
  }
}
