package dev.flaggate.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.routing.SiteDescriptor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BridgeReachabilityTest {

  /** Delegates java.* only, as an OSGi framework does without boot delegation. */
  private static final class JavaOnly extends ClassLoader {
    JavaOnly() {
      super(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("java.")) {
        return super.loadClass(name, resolve);
      }
      throw new ClassNotFoundException(name);
    }
  }

  private final List<String> reported = new ArrayList<>();
  private final List<String> warned = new ArrayList<>();
  private final List<Runnable> queued = new ArrayList<>();
  private final Executor held = queued::add;

  private final InstrumentationReporter reporter = new InstrumentationReporter() {
    @Override
    public void instrumented(SiteDescriptor site, int siteId) {}

    @Override
    public void warning(String className, String method, String message) {
      warned.add(className + "." + method + ": " + message);
    }

    @Override
    public void misconfigured(String className, String method, String problem, String fix) {
      reported.add(className + "." + method + ": " + problem + " / " + fix);
    }

    @Override
    public void failed(String className, Throwable error) {}
  };

  @Test
  @DisplayName("a loader that cannot reach the bridge: every gated method it loaded is reported, with the fix, once its check ran")
  void loaderWithoutBootDelegation_eachMethodReported() {
    BridgeReachability reachability = new BridgeReachability(reporter, held);
    ClassLoader bundle = new JavaOnly();

    reachability.routed(bundle, "com.example.A", List.of("send", "route"));
    reachability.routed(bundle, "com.example.B", List.of("notify"));
    assertEquals(1, queued.size(), "one check per loader");
    assertTrue(reported.isEmpty(), "nothing said before the check");

    queued.get(0).run();
    assertEquals(3, reported.size(), reported.toString());
    assertTrue(reported.get(0).startsWith("com.example.A.send: its class loader (" + JavaOnly.class.getName() + ")"),
        reported.get(0));
    assertTrue(reported.get(2).startsWith("com.example.B.notify: "), reported.toString());
    assertTrue(reported.get(0).contains("every call runs legacy"), reported.get(0));
    assertTrue(reported.get(0).contains("-Dorg.osgi.framework.bootdelegation=dev.flaggate.bootstrap.*"), reported.get(0));

    // a class loaded after the answer is reported at once, with no second check
    reachability.routed(bundle, "com.example.C", List.of("pay"));
    assertEquals(1, queued.size());
    assertEquals(4, reported.size());
    assertTrue(reported.get(3).startsWith("com.example.C.pay: "), reported.get(3));
  }

  @Test
  @DisplayName("a child loader that delegates to its parents reaches the bridge: nothing reported")
  void delegatingChildLoader_nothingReported() throws Exception {
    BridgeReachability reachability = new BridgeReachability(reporter, held);
    try (URLClassLoader child = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
      reachability.routed(child, "com.example.A", List.of("send"));
      queued.get(0).run();
      reachability.routed(child, "com.example.B", List.of("notify"));
    }
    assertEquals(1, queued.size());
    assertTrue(reported.isEmpty(), reported.toString());
  }

  @Test
  @DisplayName("the bootstrap, platform and system loaders are never asked")
  void jdkLoaders_neverAsked() {
    BridgeReachability reachability = new BridgeReachability(reporter, held);
    reachability.routed(null, "com.example.A", List.of("send"));
    reachability.routed(ClassLoader.getSystemClassLoader(), "com.example.B", List.of("send"));
    reachability.routed(ClassLoader.getPlatformClassLoader(), "com.example.C", List.of("send"));
    assertTrue(queued.isEmpty());
    assertTrue(reported.isEmpty());
  }

  @Test
  @DisplayName("the check itself: the agent's own bridge, or not")
  void reachesBridge() {
    assertTrue(BridgeReachability.reachesBridge(ClassLoader.getSystemClassLoader()));
    assertFalse(BridgeReachability.reachesBridge(new JavaOnly()));
  }

  @Test
  @DisplayName("a loader whose hashCode throws goes unchecked, and says so; routed() never throws into the transformer")
  void hostileLoader_neverThrows() {
    BridgeReachability reachability = new BridgeReachability(reporter, held);
    ClassLoader hostile = new ClassLoader(null) {
      @Override
      public int hashCode() {
        throw new IllegalStateException("no hash for you");
      }
    };
    reachability.routed(hostile, "com.example.A", List.of("send"));
    assertTrue(queued.isEmpty());
    assertTrue(reported.isEmpty());
    assertEquals(1, warned.size(), "the check that could not run is told");
    assertTrue(warned.get(0).startsWith("com.example.A.send: could not check whether its class loader reaches the agent"),
        warned.get(0));
  }
}
