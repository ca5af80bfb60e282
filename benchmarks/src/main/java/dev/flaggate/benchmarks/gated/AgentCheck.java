package dev.flaggate.benchmarks.gated;

import dev.flaggate.FlagGate;

/** Fails a fork that runs without the agent, or whose agent does not route as configured. */
final class AgentCheck {

  private AgentCheck() {}

  static void requireRouting(GatedService service) {
    if (!FlagGate.agentAttached()) {
      throw new IllegalStateException("run these benchmarks with -javaagent:flaggate-agent.jar=config=... (see benchmarks/run.sh)");
    }
    for (int i = 0; i < GatedIds.SIZE; i++) {
      if (service.price(GatedIds.ALLOWED[i], 7) != 22 || service.price(GatedIds.OTHERS[i], 7) != 21) {
        throw new IllegalStateException("the agent does not route " + GatedIds.FLAG + " as configured: is the config "
            + "the one GatedConfigs writes?");
      }
      if (!FlagGate.isEnabled(GatedIds.FLAG, GatedIds.ALLOWED[i]) || FlagGate.isEnabled(GatedIds.FLAG, GatedIds.OTHERS[i])) {
        throw new IllegalStateException("FlagGate.isEnabled does not answer as configured");
      }
    }
  }
}
