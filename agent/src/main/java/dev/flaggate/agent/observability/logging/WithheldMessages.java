package dev.flaggate.agent.observability.logging;

/**
 * An application's throwable as the agent logs it by default: its classes and frames, each message
 * of it, its cause chain and its suppressed exceptions replaced by the message's length. Messages
 * are the application's text and can carry personal data (a phone number, an e-mail address), which
 * the agent's lines never show unless asked to ({@code log-full-values=true}); where and what
 * failed stays readable.
 *
 * <p>A throwable of its own, carrying the original's class name, so that the log line's
 * {@code error} object and its {@code stack_trace} (printed through {@link #toString()}) read as the
 * original's would.
 */
public final class WithheldMessages extends Throwable {

  private static final int MAX_CAUSES = 16;

  private final String className;

  private WithheldMessages(String className, String message, StackTraceElement[] frames, Throwable cause) {
    super(message, cause, true, true);
    this.className = className;
    setStackTrace(frames);
  }

  /** {@code error} with its messages withheld, its causes likewise (to a bounded depth). */
  public static Throwable of(Throwable error) {
    return of(error, 0);
  }

  private static Throwable of(Throwable error, int depth) {
    if (error == null || depth == MAX_CAUSES) {
      return null;
    }
    Throwable cause = error.getCause() == error ? null : error.getCause();
    WithheldMessages withheld =
        new WithheldMessages(error.getClass().getName(), withheld(error), error.getStackTrace(), of(cause, depth + 1));
    for (Throwable suppressed : error.getSuppressed()) { // a try-with-resources' close() failures
      Throwable kept = of(suppressed, depth + 1);
      if (kept != null) {
        withheld.addSuppressed(kept);
      }
    }
    return withheld;
  }

  private static String withheld(Throwable error) {
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable unavailable) { // the application's getMessage(): anything, a StackOverflowError included
      return "(message unavailable: " + unavailable.getClass().getName() + ")";
    }
    return message == null ? null : "(message withheld: " + message.length() + " chars; log-full-values=true shows it)";
  }

  /** The original's class name, which the line's {@code error.class} names. */
  public String className() {
    return className;
  }

  /** As {@link Throwable#toString()} of the original, with the message withheld: what a stack trace prints. */
  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? className : className + ": " + message;
  }

  /** The frames are the original's: nothing of the logging thread's own stack is captured. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
