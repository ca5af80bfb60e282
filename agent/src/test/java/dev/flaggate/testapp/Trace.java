package dev.flaggate.testapp;

import dev.flaggate.FlagGate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which body ran, on which kind of thread, so the forked test can print it. */
public final class Trace {

  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  private Trace() {}

  public static void ran(String side) {
    EVENTS.add(side + (FlagGate.inShadow() ? "@secondary" : "@caller")
        + (Thread.currentThread().getName().startsWith("flaggate-secondary") ? "[pool]" : ""));
  }

  public static List<String> drain() {
    List<String> copy = List.copyOf(EVENTS);
    EVENTS.clear();
    return copy;
  }

  /** Waits (bounded) until at least {@code count} events are recorded, then drains them. */
  public static List<String> await(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (EVENTS.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50); // let a wrongly started extra secondary show up too
    return drain();
  }
}
