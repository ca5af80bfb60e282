package dev.flaggate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartingDispatcherTest {

  /** The agent's dispatcher once started: answers NEW, as a flag on for everyone would (cutover). */
  private static final class Started extends Dispatcher {
    volatile int routed;

    @Override
    public int route(int site, Object siteState, Object shopperArgument) {
      routed++;
      return GatedCalls.NEW;
    }

    @Override public void primaryDone(int site, boolean newPath, long startNanos) {}
    @Override public void bypassNext(int site) {}
    @Override public void newBodyDone(int site, long startNanos) {}
    @Override public CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int site) {
      throw new UnsupportedOperationException();
    }
    @Override public int evaluate(String flag, String shopperId) {
      return 0;
    }
    @Override public String[] reasonWords() {
      return new String[0];
    }
    @Override public boolean inShadow() {
      return false;
    }
  }

  @Test
  @DisplayName("a call from an interrupted thread during start-up still waits for the agent, and keeps its interrupt status")
  void interruptedCaller_waitsForTheAgent_andStaysInterrupted() throws Exception {
    StartingDispatcher starting = new StartingDispatcher();
    Started started = new Started();
    Dispatcher previous = GatedCalls.dispatcher();
    try {
      CompletableFuture<String> call = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        Thread.currentThread().interrupt(); // a cancelled task, a virtual thread being shut down
        int route = starting.route(7, null, "shopper");
        call.complete(route + " interrupted=" + Thread.currentThread().isInterrupted());
      });
      caller.start();
      Thread.sleep(200); // the caller is waiting by now; an interrupted wait would have returned at once
      GatedCalls.install(started);
      starting.ready();
      assertEquals(GatedCalls.NEW + " interrupted=true", call.get(10, TimeUnit.SECONDS));
      assertEquals(1, started.routed, "the started agent decided the call");
    } finally {
      GatedCalls.install(previous); // the bridge is global: leave it as found
    }
  }
}
