package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteRegistry;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Rewrites every {@code @FlagGated} method of one class: registers a site for it and inlines
 * {@link RoutingAdvice} with that method's bindings. Methods it cannot route are reported and left
 * untouched; the rest of the class is never changed, and no member is added (so classes that were
 * loaded before the agent can be retransformed).
 */
final class GatedMethodTransformer implements AgentBuilder.Transformer {

  private final SiteRegistry sites;
  private final InstrumentationReporter reporter;
  private final GatedMethodAnalyzer analyzer = new GatedMethodAnalyzer();
  private final TypeDescription adviceType = TypeDescription.ForLoadedType.of(RoutingAdvice.class);
  private final ClassFileLocator adviceLocator;

  GatedMethodTransformer(SiteRegistry sites, InstrumentationReporter reporter) {
    this.sites = sites;
    this.reporter = reporter;
    this.adviceLocator = adviceLocator();
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!GatedMethodAnalyzer.isGated(method)) {
        continue;
      }
      GatedMethodAnalyzer.Result result = analyzer.analyze(type, method);
      if (result instanceof GatedMethodAnalyzer.Rejected rejected) {
        Misconfiguration m = rejected.misconfiguration();
        reporter.misconfigured(m.className(), m.method(), m.problem(), m.fix());
        continue;
      }
      GatedMethodPlan plan = ((GatedMethodAnalyzer.Planned) result).plan();
      int siteId = sites.register(plan.site());
      for (String warning : plan.warnings()) {
        reporter.warning(type.getName(), method.getName(), warning);
      }
      builder = builder.visit(adviceFor(plan, siteId).on(ElementMatchers.is(method)));
      reporter.instrumented(plan.site(), siteId);
    }
    return builder;
  }

  private Advice adviceFor(GatedMethodPlan plan, int siteId) {
    return Advice.withCustomMapping()
        .bind(SiteId.class, siteId)
        .bind(ShopperHolder.class, AdviceBindings.shopperHolder(plan), Object.class)
        .bind(ShopperArgument.class, AdviceBindings.shopperValue(plan), Object.class)
        .bind(LegacyCall.class, AdviceBindings.legacyCall(plan), Object.class)
        .bind(ComplexCall.class, AdviceBindings.complexCall(plan, siteId), Object.class)
        .to(adviceType, adviceLocator);
  }

  /** The advice's class file, read once from the agent's own class loader. */
  private static ClassFileLocator adviceLocator() {
    try {
      byte[] bytes = ClassFileLocator.ForClassLoader.read(RoutingAdvice.class);
      return ClassFileLocator.Simple.of(RoutingAdvice.class.getName(), bytes);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot read the routing advice from the agent jar", e);
    }
  }

}
