package dev.flaggate.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher while the agent starts in the background: a call that arrives before the config is
 * read waits for the agent (bounded), then asks the real dispatcher. If the agent is not ready in
 * time, or failed, the call goes to legacy.
 *
 * <p>Why wait rather than answer legacy at once: a flag that is on for everyone (after cutover) must
 * be on from the very first call; the agent's start-up, done off the application's main thread,
 * normally finishes long before the first gated call.
 */
final class StartingDispatcher extends Dispatcher {

  private static final long WAIT_SECONDS = 10;

  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile boolean warned;

  void ready() {
    ready.countDown();
  }

  /**
   * Waits for the agent, up to {@link #WAIT_SECONDS}, whatever the thread's interrupt status: an
   * interrupted caller (a cancelled task, a virtual thread being shut down) would otherwise skip
   * the wait and run legacy where the flag may say new. Its interrupt status is kept as it came, for
   * the application to see.
   */
  private Dispatcher awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    boolean interrupted = false;
    boolean isReady = false;
    while (!isReady) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        isReady = ready.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException interruptedWhileWaiting) {
        interrupted = true; // the status is cleared by the throw: the next wait blocks, then it is restored
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!isReady && !warned) {
      warned = true;
      System.err.println("flaggate: WARN: the agent is not ready after " + WAIT_SECONDS
          + " s; gated calls go to legacy until it is");
    }
    Dispatcher current = GatedCalls.dispatcher();
    return current == this ? LegacyOnlyDispatcher.INSTANCE : current;
  }

  @Override
  public int route(int site, Object siteState, Object shopperArgument) {
    return awaitReady().route(site, siteState, shopperArgument);
  }

  @Override
  public void primaryDone(int site, boolean newPath, long startNanos) {
    awaitReady().primaryDone(site, newPath, startNanos);
  }

  @Override
  public void bypassNext(int site) {
    awaitReady().bypassNext(site);
  }

  @Override
  public void newBodyDone(int site, long startNanos) {
    awaitReady().newBodyDone(site, startNanos);
  }

  @Override
  public CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int site) throws Throwable {
    return awaitReady().linkComplexCall(caller, type, site);
  }

  @Override
  public int evaluate(String flag, String shopperId) {
    return awaitReady().evaluate(flag, shopperId);
  }

  @Override
  public String[] reasonWords() {
    return awaitReady().reasonWords();
  }

  @Override
  public boolean inShadow() {
    return awaitReady().inShadow();
  }
}
