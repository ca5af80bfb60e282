package dev.flaggate.agent.instrumentation;

import dev.flaggate.agent.routing.SiteRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites every {@code @FlagGated} method of one class file: registers a site for it and puts a
 * {@link RoutingPrologue} in front of its body. Methods it cannot route are reported and left
 * untouched; the rest of the class is copied as it is (constant pool included), and no member is
 * added, so classes loaded before the agent can be retransformed.
 *
 * <p>Why Byte Buddy's ASM and not its {@code AgentBuilder} and {@code Advice}: those load about 1,800
 * classes before the first gated class can load, over a second of start-up on two cores (see
 * BENCHMARKS.md). The prologue is a fixed shape of a dozen instructions; writing it directly costs a
 * few dozen classes and a millisecond.
 */
final class GatedClassTransformer {

  private final SiteRegistry sites;
  private final InstrumentationReporter reporter;
  private final BridgeReachability reachability;

  GatedClassTransformer(SiteRegistry sites, InstrumentationReporter reporter) {
    this(sites, reporter, new BridgeReachability(reporter));
  }

  GatedClassTransformer(SiteRegistry sites, InstrumentationReporter reporter, BridgeReachability reachability) {
    this.sites = sites;
    this.reporter = reporter;
    this.reachability = reachability;
  }

  /** The rewritten class file, or {@code null} to leave the class as it is. Never throws. */
  byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined, byte[] classFile) {
    try {
      return rewrite(loader, classBeingRedefined, classFile);
    } catch (Throwable e) {
      reporter.failed(className == null ? "(unnamed class)" : className.replace('/', '.'), e);
      return null;
    }
  }

  private byte[] rewrite(ClassLoader loader, Class<?> classBeingRedefined, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassShape shape = ClassShapeReader.read(reader);
    TypeHierarchy hierarchy = new TypeHierarchy(loader);
    Map<String, RoutedMethod> routed = new HashMap<>();
    for (MethodShape declared : shape.methods()) {
      if (!GatedMethodAnalyzer.isGated(declared)) {
        continue;
      }
      MethodShape method = classBeingRedefined == null ? declared : LoadedParameterNames.fill(declared, classBeingRedefined);
      GatedMethodAnalyzer.Result result = GatedMethodAnalyzer.analyze(shape, method, hierarchy);
      if (result instanceof GatedMethodAnalyzer.Rejected rejected) {
        Misconfiguration m = rejected.misconfiguration();
        reporter.misconfigured(m.className(), m.method(), m.problem(), m.fix());
      } else {
        GatedMethodPlan plan = ((GatedMethodAnalyzer.Planned) result).plan();
        routed.put(method.name() + method.descriptor(), new RoutedMethod(plan, sites.register(plan.site())));
      }
    }
    byte[] rewritten = null;
    while (rewritten == null) {
      if (routed.isEmpty()) {
        return null;
      }
      try {
        rewritten = write(reader, routed);
      } catch (MethodTooLargeException tooLarge) {
        // the prologue takes this method past the JVM's 64 KB of code: it alone is left as compiled,
        // reported like any method the agent cannot route, and the class's other gated methods are
        // still routed (its registered site stays unused)
        RoutedMethod dropped = routed.remove(tooLarge.getMethodName() + tooLarge.getDescriptor());
        if (dropped == null) {
          throw tooLarge;
        }
        reporter.misconfigured(shape.binaryName(), tooLarge.getMethodName(),
            "its code (" + tooLarge.getCodeSize() + " bytes with the routing prologue) would exceed the JVM's limit of 65535"
                + " bytes: it runs its own body for every call, as compiled",
            "split the method, so that the gated one stays well below 64 KB of bytecode");
      }
    }
    // reported only once the class file is written: a failure above leaves every method as it was
    List<RoutedMethod> done = new ArrayList<>(routed.values());
    done.sort(null); // in site order, as the methods were registered
    List<String> methodNames = new ArrayList<>(done.size());
    for (RoutedMethod method : done) {
      for (String warning : method.plan().warnings()) {
        reporter.warning(shape.binaryName(), method.plan().method().name(), warning);
      }
      reporter.instrumented(method.plan().site(), method.site());
      methodNames.add(method.plan().method().name());
    }
    reachability.routed(loader, shape.binaryName(), methodNames);
    return rewritten;
  }

  private static byte[] write(ClassReader reader, Map<String, RoutedMethod> routed) {
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor body = super.visitMethod(access, name, descriptor, signature, exceptions);
        RoutedMethod method = routed.get(name + descriptor);
        return method == null ? body : new RoutingPrologue(body, method.plan(), method.site());
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  private record RoutedMethod(GatedMethodPlan plan, int site) implements Comparable<RoutedMethod> {
    @Override
    public int compareTo(RoutedMethod other) {
      return Integer.compare(site, other.site);
    }
  }
}
