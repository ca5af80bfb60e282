package dev.flaggate.agent;

import dev.flaggate.agent.instrumentation.InstrumentationReporter;
import dev.flaggate.agent.config.ConfigReloader;
import dev.flaggate.agent.config.EnvironmentSource;
import dev.flaggate.agent.config.watch.ConfigFileWatcher;
import dev.flaggate.agent.config.watch.WatchOptions;
import dev.flaggate.agent.rollout.RolloutEngine;
import dev.flaggate.agent.routing.FlagTelemetry;
import dev.flaggate.agent.routing.Router;
import dev.flaggate.agent.routing.SecondaryExecutor;
import dev.flaggate.agent.routing.SiteDescriptor;
import dev.flaggate.agent.routing.SiteRegistry;
import dev.flaggate.bootstrap.GatedCalls;

/** TEMPORARY wiring until the engine and observability branches merge. */
final class AgentRuntime {

  private AgentRuntime() {}

  static void start(String arguments, SiteRegistry sites, DeferredReporter reporter) {
    AgentOptions options = AgentOptions.parse(arguments, systemProperties(), System.getenv());
    options.problems().forEach(StartupMessages::warn);
    RolloutEngine engine = new RolloutEngine(EnvironmentSource.system());
    if (options.configPath() != null) {
      ConfigReloader reloader = new ConfigReloader(options.configPath(), engine, new ConfigReloader.Reporter() {
        @Override
        public void applied(java.nio.file.Path file, java.util.List<String> changes, java.util.List<String> problems) {
          System.err.println("flaggate: config applied " + changes + " " + problems);
        }

        @Override
        public void rejected(java.nio.file.Path file, String problem) {
          System.err.println("flaggate: config rejected " + problem);
        }

        @Override
        public void deleted(java.nio.file.Path file) {
          System.err.println("flaggate: config deleted");
        }

        @Override
        public void watcherProblem(java.nio.file.Path file, String problem) {
          System.err.println("flaggate: watcher " + problem);
        }
      });
      WatchOptions watch = WatchOptions.defaults().withPollInterval(options.pollInterval())
          .withMaxFileSize(options.maxConfigBytes());
      new ConfigFileWatcher(options.configPath(), options.watchService() ? watch : watch.pollingOnly(), reloader).start();
    }
    SecondaryExecutor secondaries = new SecondaryExecutor(options.routing());
    Router router = new Router(sites, engine, flag -> NOOP, secondaries, options.routing());
    reporter.forwardTo(new InstrumentationReporter() {
      @Override
      public void instrumented(SiteDescriptor site, int siteId) {
        engine.rule(site.flag());
        if (site.shadowFlag() != null) {
          engine.rule(site.shadowFlag());
        }
        if (site.dualRunFlag() != null) {
          engine.rule(site.dualRunFlag());
        }
        System.err.println("flaggate: instrumented " + site.displayName() + " as site " + siteId);
      }

      @Override
      public void warning(String className, String method, String message) {
        System.err.println("flaggate: WARN " + className + "." + method + ": " + message);
      }

      @Override
      public void misconfigured(String className, String method, String problem, String fix) {
        System.err.println("flaggate: MISCONFIGURED " + className + "." + method + ": " + problem + "; fix: " + fix);
      }

      @Override
      public void failed(String className, Throwable error) {
        System.err.println("flaggate: FAILED " + className + ": " + error);
        error.printStackTrace();
      }
    });
    GatedCalls.install(router);
  }

  private static java.util.Map<String, String> systemProperties() {
    java.util.Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
    return properties;
  }

  private static final FlagTelemetry NOOP = new FlagTelemetry() {
    @Override
    public void checked(String shopperId, int decisionCode) {}

    @Override
    public void latency(boolean newPath, boolean primary, long nanos) {}

    @Override
    public void compared(String shopperId, boolean equivalent, String legacyOutcome, String newOutcome,
        long legacyNanos, long newNanos) {}

    @Override
    public void secondaryFailed(String shopperId, Throwable error) {}

    @Override
    public void secondarySkipped() {}

    @Override
    public void secondaryTimedOut() {}

    @Override
    public void agentFault(String where, Throwable error) {}
  };
}
