package dev.flaggate.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flaggate.agent.routing.GatedSite;
import dev.flaggate.agent.routing.SiteDescriptor;
import dev.flaggate.agent.routing.SiteRegistry;
import dev.flaggate.bootstrap.Dispatcher;
import dev.flaggate.bootstrap.GatedCalls;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The prologue on awkward method shapes, in this JVM: the rewritten class must pass the verifier
 * (it is defined in a fresh loader, which verifies it), and each route must run the body it names
 * with the arguments it was given. The forked-JVM tests (RoutingTableIT and others) prove the same
 * through the real agent; this one pins the bytecode shapes those apps do not have.
 */
class RoutingPrologueTest {

  private static final ScriptedDispatcher DISPATCHER = new ScriptedDispatcher();
  private static final List<String> REPORTS = new ArrayList<>();
  /** Publishes its sites to the bridge, as the agent's registry does (one per JVM: the bridge holds one array). */
  private static final SiteRegistry SITES = new SiteRegistry();
  private static Class<?> fixture;
  private static Class<?> order;

  @BeforeAll
  static void rewriteFixture() throws Exception {
    GatedCalls.install(DISPATCHER);
    byte[] original = classFile(PrologueFixture.class);
    SITES.publishToBridge();
    GatedClassTransformer transformer = new GatedClassTransformer(SITES, new RecordingReporter());
    byte[] rewritten = transformer.transform(PrologueFixture.class.getClassLoader(),
        PrologueFixture.class.getName().replace('.', '/'), null, original);
    assertNotNull(rewritten, REPORTS.toString());
    fixture = new DefiningLoader(PrologueFixture.class.getName(), rewritten).loadClass(PrologueFixture.class.getName());
    order = PrologueFixture.Order.class;
  }

  @AfterAll
  static void forgetSites() {
    GatedCalls.siteStates(new Object[0]); // the bridge is global: no later test may see these sites
  }

  @Test
  @DisplayName("each call hands the dispatcher the state the registry published for its own site")
  void siteStateHandedWithTheCall() throws Exception {
    Method sum = fixture.getMethod("sum", long.class, double.class, int[].class);
    call(GatedCalls.LEGACY, sum, fixture.getConstructor().newInstance(), 42L, 2.0, new int[] {1});
    GatedSite sumSite = assertInstanceOf(GatedSite.class, DISPATCHER.lastSiteState);
    assertEquals(DISPATCHER.lastSite, sumSite.id());
    assertEquals("sum", sumSite.descriptor().methodName());

    Method countDown = fixture.getMethod("countDown", String.class, int.class);
    call(GatedCalls.LEGACY, countDown, null, "s", 3);
    GatedSite countDownSite = assertInstanceOf(GatedSite.class, DISPATCHER.lastSiteState);
    assertEquals(DISPATCHER.lastSite, countDownSite.id());
    assertEquals("countDown", countDownSite.descriptor().methodName());
  }

  @Test
  @DisplayName("a Java 8 class file, where a dynamic constant is not allowed, routes with its site found by id")
  void classFileBeforeJava11() throws Exception {
    byte[] java8 = classFile(PrologueFixture.class);
    java8[6] = 0;
    java8[7] = 52; // major version 52: ldc of a dynamic constant would fail to load (ClassFormatError)
    String name = PrologueFixture.class.getName();
    List<String> reports = new ArrayList<>();
    byte[] rewritten = new GatedClassTransformer(SITES, new RecordingReporter(reports))
        .transform(PrologueFixture.class.getClassLoader(), name.replace('.', '/'), null, java8);
    assertNotNull(rewritten, reports.toString());
    Method countDown = new DefiningLoader(name, rewritten).loadClass(name).getMethod("countDown", String.class, int.class);

    assertEquals(-350, call(GatedCalls.LEGACY, countDown, null, "s", 350));
    GatedSite site = assertInstanceOf(GatedSite.class, DISPATCHER.lastSiteState);
    assertEquals("countDown", site.descriptor().methodName());
    assertEquals(50, call(GatedCalls.NEW, countDown, null, "s", 350));
  }

  @Test
  @DisplayName("a gated method the prologue would take past 64 KB of code is reported and left as compiled; the class's other gated methods are still routed")
  void methodTooLargeForThePrologue() throws Exception {
    // countDown padded to just under the JVM's 65535 bytes of code: legal as compiled, not with a prologue
    byte[] padded = padMethod(classFile(PrologueFixture.class), "countDown", 65_535 - 40);
    String name = PrologueFixture.class.getName();
    List<String> reports = new ArrayList<>();
    byte[] rewritten = new GatedClassTransformer(SITES, new RecordingReporter(reports))
        .transform(PrologueFixture.class.getClassLoader(), name.replace('.', '/'), null, padded);

    assertNotNull(rewritten, "the class is rewritten, not left whole: " + reports);
    assertTrue(reports.stream().anyMatch(report -> report.startsWith("misconfigured countDown: its code (")
        && report.contains("65535")), reports.toString());
    assertTrue(reports.contains("instrumented sum"), reports.toString());
    assertTrue(reports.stream().noneMatch(report -> report.startsWith("instrumented countDown")
        || report.startsWith("failed")), reports.toString());
    Class<?> defined = new DefiningLoader(name, rewritten).loadClass(name);
    Method countDown = defined.getMethod("countDown", String.class, int.class);
    assertEquals(50, call(GatedCalls.LEGACY, countDown, null, "s", 350), "its own body, whatever the route");
    Method sum = defined.getMethod("sum", long.class, double.class, int[].class);
    assertEquals(-1L, call(GatedCalls.LEGACY, sum, defined.getConstructor().newInstance(), 42L, 2.0, new int[] {1}),
        "the other gated methods still route");
  }

  /** {@code classFile} with {@code nops} NOP instructions put at the start of {@code method}'s code. */
  private static byte[] padMethod(byte[] classFile, String method, int nops) {
    net.bytebuddy.jar.asm.ClassReader reader = new net.bytebuddy.jar.asm.ClassReader(classFile);
    net.bytebuddy.jar.asm.ClassWriter writer = new net.bytebuddy.jar.asm.ClassWriter(0);
    reader.accept(new net.bytebuddy.jar.asm.ClassVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9, writer) {
      @Override
      public net.bytebuddy.jar.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        net.bytebuddy.jar.asm.MethodVisitor code = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (!name.equals(method)) {
          return code;
        }
        return new net.bytebuddy.jar.asm.MethodVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9, code) {
          @Override
          public void visitCode() {
            super.visitCode();
            for (int i = 0; i < nops; i++) {
              super.visitInsn(net.bytebuddy.jar.asm.Opcodes.NOP);
            }
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }

  @Test
  @DisplayName("every gated method is instrumented, none is reported as failed or misconfigured")
  void allMethodsInstrumented() {
    assertEquals(5, REPORTS.stream().filter(r -> r.startsWith("instrumented")).count(), REPORTS.toString());
    assertTrue(REPORTS.stream().noneMatch(r -> r.startsWith("failed") || r.startsWith("misconfigured")), REPORTS.toString());
  }

  @Test
  @DisplayName("long, double and array arguments reach both bodies; the long shopper id is boxed for the router")
  void wideArguments() throws Exception {
    Object instance = fixture.getConstructor().newInstance();
    Method sum = fixture.getMethod("sum", long.class, double.class, int[].class);
    assertEquals(-1L, call(GatedCalls.LEGACY, sum, instance, 42L, 2.0, new int[] {1, 2, 3}));
    assertEquals(42L, DISPATCHER.lastShopper);
    assertEquals(12L, call(GatedCalls.NEW, sum, instance, 7L, 2.0, new int[] {1, 2, 3}));
    assertEquals(-1L, call(GatedCalls.LEGACY_TIMED, sum, instance, 7L, 2.0, new int[] {1, 2, 3}));
    assertEquals(12L, call(GatedCalls.NEW_TIMED, sum, instance, 7L, 2.0, new int[] {1, 2, 3}));
    assertEquals("complex", callComplex(sum, instance, 7L, 2.0, new int[] {1, 2, 3}));
  }

  @Test
  @DisplayName("a body that starts at a branch target (do-while) keeps its own first frame")
  void bodyStartingWithALoop() throws Exception {
    Method countDown = fixture.getMethod("countDown", String.class, int.class);
    assertEquals(-350, call(GatedCalls.LEGACY, countDown, null, "s", 350));
    assertEquals(50, call(GatedCalls.NEW, countDown, null, "s", 350));
    assertEquals("s", DISPATCHER.lastShopper);
    assertEquals(50, call(GatedCalls.NEW_TIMED, countDown, null, "s", 350));
  }

  @Test
  @DisplayName("a void method without legacy: off skips the body, on runs it")
  void voidWithoutLegacy() throws Exception {
    Object instance = fixture.getConstructor().newInstance();
    Method record = fixture.getMethod("record", order, List.class);
    List<String> sink = new ArrayList<>();
    assertNull(call(GatedCalls.LEGACY, record, instance, new PrologueFixture.Order(false), sink));
    assertEquals(List.of(), sink);
    assertEquals("from-accessor", DISPATCHER.lastShopper);
    call(GatedCalls.NEW, record, instance, new PrologueFixture.Order(false), sink);
    call(GatedCalls.LEGACY_TIMED, record, instance, new PrologueFixture.Order(false), sink);
    call(GatedCalls.NEW_TIMED, record, instance, new PrologueFixture.Order(false), sink);
    assertEquals(List.of("new", "new"), sink);
  }

  @Test
  @DisplayName("the shopper accessor: a default method; a null holder gives no shopper; a throwing accessor means legacy")
  void shopperAccessor() throws Exception {
    Object instance = fixture.getConstructor().newInstance();
    Method allowed = fixture.getMethod("allowed", order);
    assertEquals(true, call(GatedCalls.NEW, allowed, instance, new PrologueFixture.Order(false)));
    assertEquals("from-accessor", DISPATCHER.lastShopper);
    assertEquals(true, call(GatedCalls.NEW, allowed, instance, (Object) null));
    assertNull(DISPATCHER.lastShopper);
    DISPATCHER.routed = 0;
    assertEquals(false, call(GatedCalls.NEW, allowed, instance, new PrologueFixture.Order(true)));
    assertEquals(0, DISPATCHER.routed, "the accessor threw before the router was asked");
    assertEquals(true, callComplex(allowed, instance, new PrologueFixture.Order(false)));
  }

  @Test
  @DisplayName("a sampled new body that throws: the caller gets the exception, the sample is recorded, the bypass is spent")
  void timedNewBodyThrows() throws Exception {
    Object instance = fixture.getConstructor().newInstance();
    Method fails = fixture.getMethod("fails", String.class);
    DISPATCHER.newBodiesDone = 0;
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
        () -> call(GatedCalls.NEW_TIMED, fails, instance, "s"));
    assertEquals("new failed", thrown.getCause().getMessage());
    assertEquals(1, DISPATCHER.newBodiesDone);
    assertEquals(-1, DISPATCHER.bypass.get());
    assertEquals("legacy", call(GatedCalls.LEGACY, fails, instance, "s"));
  }

  private static Object call(int route, Method method, Object instance, Object... arguments) throws Exception {
    DISPATCHER.route = route;
    return method.invoke(instance, arguments);
  }

  /** The invokedynamic route: the scripted linker answers a constant of the method's return type. */
  private static Object callComplex(Method method, Object instance, Object... arguments) throws Exception {
    DISPATCHER.complexAnswer = method.getReturnType() == boolean.class ? Boolean.TRUE : "complex";
    DISPATCHER.route = GatedCalls.COMPLEX;
    if (method.getReturnType() == long.class) {
      // a String cannot come back as a long: the cast in the prologue must reject it
      ClassCastException wrongType = (ClassCastException) assertThrows(InvocationTargetException.class,
          () -> method.invoke(instance, arguments)).getCause();
      assertNotNull(wrongType);
      DISPATCHER.complexAnswer = 99L;
      assertEquals(99L, method.invoke(instance, arguments));
      return "complex";
    }
    return method.invoke(instance, arguments);
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Defines one class from the given bytes (and so verifies it); everything else comes from the parent. */
  private static final class DefiningLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    DefiningLoader(String name, byte[] bytes) {
      super(RoutingPrologueTest.class.getClassLoader());
      this.name = name;
      this.bytes = bytes;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (className.equals(name)) {
        synchronized (getClassLoadingLock(className)) {
          Class<?> loaded = findLoadedClass(className);
          return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
        }
      }
      return super.loadClass(className, resolve);
    }
  }

  private static final class RecordingReporter implements InstrumentationReporter {
    private final List<String> reports;

    RecordingReporter() {
      this(REPORTS);
    }

    RecordingReporter(List<String> reports) {
      this.reports = reports;
    }

    @Override
    public void instrumented(SiteDescriptor site, int siteId) {
      reports.add("instrumented " + site.methodName());
    }

    @Override
    public void warning(String className, String method, String message) {
      reports.add("warning " + method + ": " + message);
    }

    @Override
    public void misconfigured(String className, String method, String problem, String fix) {
      reports.add("misconfigured " + method + ": " + problem);
    }

    @Override
    public void failed(String className, Throwable error) {
      reports.add("failed " + className + ": " + error);
    }
  }

  /** Answers the route the test sets, and honours the one-shot bypass as the router does. */
  private static final class ScriptedDispatcher extends Dispatcher {
    final ThreadLocal<Integer> bypass = ThreadLocal.withInitial(() -> -1);
    volatile int route;
    volatile Object complexAnswer;
    volatile Object lastShopper;
    volatile int lastSite;
    volatile Object lastSiteState;
    volatile int routed;
    volatile int newBodiesDone;

    @Override
    public int route(int site, Object siteState, Object shopperArgument) {
      if (bypass.get() == site) {
        bypass.set(-1);
        return GatedCalls.NEW;
      }
      routed++;
      lastSite = site;
      lastSiteState = siteState;
      lastShopper = shopperArgument;
      return route;
    }

    @Override
    public void primaryDone(int site, boolean newPath, long startNanos) {}

    @Override
    public void bypassNext(int site) {
      bypass.set(site);
    }

    @Override
    public void newBodyDone(int site, long startNanos) {
      newBodiesDone++;
      bypass.set(-1);
    }

    @Override
    public CallSite linkComplexCall(MethodHandles.Lookup caller, MethodType type, int site) {
      // answers whatever complexAnswer holds at call time
      try {
        var read = MethodHandles.lookup().findGetter(ScriptedDispatcher.class, "complexAnswer", Object.class).bindTo(this);
        return new ConstantCallSite(MethodHandles.dropArguments(read, 0, type.parameterList()).asType(type));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int evaluate(String flag, String shopperId) {
      return 0;
    }

    @Override
    public String[] reasonWords() {
      return new String[0];
    }

    @Override
    public boolean inShadow() {
      return false;
    }
  }
}
