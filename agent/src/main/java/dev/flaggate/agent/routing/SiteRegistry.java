package dev.flaggate.agent.routing;

import dev.flaggate.bootstrap.GatedCalls;
import java.util.Arrays;

/**
 * Gives each gated method an {@code int} id that its bytecode carries as a constant, and finds the
 * method's runtime state by that id with one array read.
 *
 * <p>Registration happens at class-load time (rare, under a lock); lookup happens on every gated
 * call, so the array is copied on write and published through a volatile field.
 */
public final class SiteRegistry {

  private final Object lock = new Object();
  private volatile GatedSite[] sites = new GatedSite[0];
  /** Whether each registration is also published to the bridge ({@link #publishToBridge}). */
  private boolean publishing;

  /**
   * From now on the sites are handed to every gated call by the bridge ({@link GatedCalls#siteStates}),
   * so that the router need not look them up. Call once the bridge is in the bootstrap loader.
   */
  public void publishToBridge() {
    synchronized (lock) {
      publishing = true;
      GatedCalls.siteStates(sites);
    }
  }

  /** Registers a newly instrumented method and returns its id. */
  public int register(SiteDescriptor descriptor) {
    synchronized (lock) {
      GatedSite[] current = sites;
      GatedSite[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = new GatedSite(current.length, descriptor);
      sites = grown;
      if (publishing) {
        GatedCalls.siteStates(grown);
      }
      if (descriptor.shadowFlag() != null || descriptor.dualRunFlag() != null) {
        ComplexRouteWarmUp.request(); // this method will run shadow or dual-run calls
      }
      return current.length;
    }
  }

  /**
   * Has every site drop the rules it resolved from an earlier snapshot: called after a reload. A site
   * would replace them at its next call anyway, but a method not called for a while would keep the
   * old snapshot alive through them, and with it the whole flag file it was built from (tens of MB
   * for a large one). The next call resolves afresh.
   */
  public void forgetRules() {
    for (GatedSite site : sites) {
      if (site != null) {
        site.forgetRules();
      }
    }
  }

  /** The site with this id, or {@code null} for an id this registry never gave out. */
  public GatedSite get(int id) {
    GatedSite[] current = sites;
    return id >= 0 && id < current.length ? current[id] : null;
  }

}
