package dev.flaggate.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** The dispatcher before the agent is ready, or after it failed to start: legacy for every call. */
final class LegacyOnlyDispatcher extends Dispatcher {

  static final LegacyOnlyDispatcher INSTANCE = new LegacyOnlyDispatcher();

  /** Reason index of {@code invalid_config}: nothing valid is known yet. */
  private static final int INVALID_CONFIG_OFF = 1 << 1;

  @Override
  public int route(int site, Object siteState, Object shopperArgument) {
    return GatedCalls.LEGACY;
  }

  @Override
  public void primaryDone(int site, boolean newPath, long startNanos) {}

  @Override
  public void bypassNext(int site) {}

  @Override
  public void newBodyDone(int site, long startNanos) {}

  @Override
  public CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int site) {
    throw new IllegalStateException("flaggate: no complex route before the agent is ready");
  }

  @Override
  public int evaluate(String flag, String shopperId) {
    return INVALID_CONFIG_OFF;
  }

  @Override
  public String[] reasonWords() {
    return new String[] {"default", "invalid_config"};
  }

  @Override
  public boolean inShadow() {
    return false;
  }
}
