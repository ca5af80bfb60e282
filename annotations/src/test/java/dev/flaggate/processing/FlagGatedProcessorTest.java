package dev.flaggate.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compile-time check of contract section 6 (last bullet): each mistake the agent would report
 * at class-load time fails {@code javac} instead, on the offending element, naming class, method
 * and fix. Tests are named after the clause of contract section 2 they pin.
 */
class FlagGatedProcessorTest {

  private static final String IMPORTS = "package demo;\nimport dev.flaggate.*;\nimport java.util.*;\n";

  @Nested
  @DisplayName("contract 2, legacy: a method of the same class, same parameter and return types, static iff")
  class Legacy {

    @Test
    void contract2_legacy_missingMethod_failsOnTheLegacyValue() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F",
                legacy = "quoteOld")
            public String quote(@ShopperId String shopper) { return "new"; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "legacy = \"quoteOld\""),
          "@FlagGated demo.Orders.quote(String): its legacy method \"quoteOld\" does not exist in demo.Orders",
          "Fix: declare String quoteOld(String) in Orders (any visibility), or correct legacy = \"quoteOld\"");
    }

    @Test
    void contract2_legacy_otherParameterTypes_listsFoundAndNeeded() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "quoteOld")
            public String quote(@ShopperId String shopper, int qty) { return "new"; }
            private String quoteOld(String shopper, long qty) { return "old"; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "legacy = \"quoteOld\""),
          "does not match: found String quoteOld(String, long); need String quoteOld(String, int)",
          "Fix: change the legacy method to String quoteOld(String, int)");
    }

    @Test
    void contract2_legacy_otherReturnType_listsFoundAndNeeded() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "quoteOld")
            public String quote(@ShopperId String shopper) { return "new"; }
            Object quoteOld(String shopper) { return null; }
            String quoteOld(String shopper, String extra) { return null; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "legacy = \"quoteOld\""),
          "@FlagGated demo.Orders.quote(String): its legacy method \"quoteOld\" does not match:"
              + " found Object quoteOld(String); String quoteOld(String, String); need String quoteOld(String)");
    }

    @Test
    void contract2_legacy_otherStaticness_listsFoundAndNeeded() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "quoteOld")
            public static String quote(@ShopperId String shopper) { return "new"; }
            private String quoteOld(String shopper) { return "old"; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "legacy = \"quoteOld\""),
          "found String quoteOld(String); need static String quoteOld(String)");
    }

    @Test
    void contract2_legacy_inheritedMethod_doesNotCount() {
      String base = IMPORTS + """
          public class BaseOrders {
            protected String quoteOld(String shopper) { return "old"; }
          }
          """;
      String source = IMPORTS + """
          public class Orders extends BaseOrders {
            @FlagGated(value = "F", legacy = "quoteOld")
            public String quote(@ShopperId String shopper) { return "new"; }
          }
          """;
      assertOneError(Javac.compile(base, source), Javac.lineOf(source, "legacy = \"quoteOld\""),
          "does not exist in demo.Orders");
    }

    @Test
    void contract2_legacy_namingTheGatedMethodItself_fails() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "quote")
            public String quote(@ShopperId String shopper) { return "new"; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "legacy = \"quote\""), "names the gated method itself");
    }

    @Test
    void contract2_legacy_sameErasure_isAccepted() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "totalOld")
            public List<String> total(@ShopperId String shopper, List<Integer> items) { return null; }
            private List<Object> totalOld(String shopper, List<? extends Number> items) { return null; }
          }
          """;
      assertClean(Javac.compile(source));
    }

    @Test
    void contract2_legacy_emptyOnNonVoidMethod_fails() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated("F")
            public int count(@ShopperId String shopper) { return 1; }
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "@FlagGated(\"F\")"),
          "@FlagGated demo.Orders.count(String): it returns int but names no legacy method",
          "Fix: name the legacy alternative, @FlagGated(value = \"F\", legacy = \"legacyMethodName\"), declared in"
              + " Orders as int legacyMethodName(String)");
    }
  }

  @Nested
  @DisplayName("contract 2: @FlagGated goes on concrete methods of classes")
  class Placement {

    @Test
    void contract2_concreteMethods_abstractMethod_fails() {
      String source = IMPORTS + """
          public abstract class Orders {
            @FlagGated(value = "F")
            public abstract void send(@ShopperId String shopper);
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "abstract void send"),
          "@FlagGated demo.Orders.send(String): it is abstract", "Fix: put @FlagGated on the concrete implementation");
    }

    @Test
    void contract2_concreteMethods_interfaceMethod_fails() {
      String source = IMPORTS + """
          public interface Orders {
            @FlagGated(value = "F")
            default void send(@ShopperId String shopper) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "default void send"),
          "@FlagGated demo.Orders.send(String): it is an interface method", "in a class that implements Orders");
    }

    @Test
    void contract2_concreteMethods_nativeMethod_fails() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F")
            public native void send(@ShopperId String shopper);
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "native void send"), "it is native",
          "Fix: gate a Java method that calls send instead");
    }

    @Test
    void contract2_concreteMethods_constructor_isRejectedByTheTarget() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F")
            public Orders(@ShopperId String shopper) {}
          }
          """;
      Javac.Result result = Javac.compile(source);
      assertFalse(result.success(), result::toString);
      assertTrue(result.errors().stream().noneMatch(d -> message(d).startsWith("@FlagGated")), result::toString);
    }
  }

  @Nested
  @DisplayName("contract 2, value: the flag name")
  class FlagName {

    @Test
    void contract2_value_emptyFlagName_fails() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(
                value = " ")
            public void send(@ShopperId String shopper) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "value = \" \""),
          "@FlagGated demo.Orders.send(String): the flag name is empty", "Fix: name the flag: @FlagGated(\"MY_FLAG\")");
    }
  }

  @Nested
  @DisplayName("contract 2, @ShopperId: one parameter identifies the shopper")
  class Shopper {

    @Test
    void contract2_shopperId_noWayToFindTheShopper_fails() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated("F")
            public void send(String customer) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "public void send"),
          "@FlagGated demo.Orders.send(String): no parameter identifies the shopper",
          "Fix: annotate one parameter with @ShopperId", "compiled with -parameters");
    }

    @Test
    void contract2_shopperId_onTwoParameters_failsOnTheSecond() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated("F")
            public void send(@ShopperId String a,
                @ShopperId String b) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "@ShopperId String b"),
          "more than one parameter carries @ShopperId (a, b)", "Fix: keep @ShopperId on the one parameter");
    }

    @Test
    void contract2_shopperId_typeWithoutAccessor_failsOnTheParameter() {
      String source = IMPORTS + """
          public class Orders {
            public static final class Cart { public String owner() { return "s"; } }
            @FlagGated("F")
            public void send(
                @ShopperId Cart cart) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "@ShopperId Cart cart"),
          "its shopper parameter cart is a Cart, which is not a CharSequence, Number, UUID or primitive and has no"
              + " no-argument shopperId() or getShopperId() accessor",
          "Fix: pass the id itself");
    }

    @Test
    void contract2_shopperId_parameterNamedShopperId_isTypeCheckedToo() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated("F")
            public void send(Object shopperId) {}
          }
          """;
      assertOneError(Javac.compile(source), Javac.lineOf(source, "Object shopperId"), "shopper parameter shopperId is a Object");
    }

    @Test
    void contract2_shopperId_inaccessibleAccessor_fails() {
      String cart = """
          package demo.carts;
          public class Cart {
            String shopperId() { return "s"; }
            protected String getShopperId() { return "s"; }
          }
          """;
      String source = IMPORTS + """
          public class Orders {
            @FlagGated("F")
            public void send(@ShopperId demo.carts.Cart cart) {}
          }
          """;
      assertOneError(Javac.compile(cart, source), Javac.lineOf(source, "@ShopperId"), "has no no-argument shopperId()");
    }

    @Test
    void contract2_shopperId_idTypesAndAccessors_areAccepted() {
      String source = IMPORTS + """
          public class Orders {
            public interface Identified { String shopperId(); }
            public record Account(String shopperId) {}
            public static class Session { String getShopperId() { return "s"; } }
            public static class Child extends Session {}
            @FlagGated("A") public void a(@ShopperId StringBuilder id) {}
            @FlagGated("B") public void b(@ShopperId UUID id) {}
            @FlagGated("C") public void c(@ShopperId long id) {}
            @FlagGated("D") public void d(@ShopperId java.math.BigInteger id) {}
            @FlagGated("E") public void e(@ShopperId Identified id) {}
            @FlagGated("F") public void f(@ShopperId Account account) {}
            @FlagGated("G") public void g(@ShopperId Child session) {}
            @FlagGated("H") public <T extends CharSequence> void h(@ShopperId T id) {}
          }
          """;
      assertClean(Javac.compile(source));
    }
  }

  @Nested
  @DisplayName("contract 2, comparator: a ResultComparator class with a public no-arg constructor")
  class Comparator {

    private static final String METHOD = """
          @FlagGated(value = "F", legacy = "old",
              comparator = %s.class)
          public String quote(@ShopperId String shopper) { return "new"; }
          private String old(String shopper) { return "old"; }
        """;

    @Test
    void contract2_comparator_withoutPublicNoArgConstructor_fails() {
      String source = IMPORTS + """
          public class Orders {
            public static final class ById implements ResultComparator {
              public ById(String field) {}
              public boolean equivalent(Object a, Object b) { return true; }
            }
          """ + METHOD.formatted("ById") + "}\n";
      assertOneError(Javac.compile(source), Javac.lineOf(source, "comparator = ById.class"),
          "@FlagGated demo.Orders.quote(String): its comparator demo.Orders.ById has no public no-argument constructor",
          "Fix: add public ById() {} to it");
    }

    @Test
    void contract2_comparator_implicitConstructorOfNonPublicClass_fails() {
      String source = IMPORTS + """
          public class Orders {
            static final class ById implements ResultComparator {
              public boolean equivalent(Object a, Object b) { return true; }
            }
          """ + METHOD.formatted("ById") + "}\n";
      assertOneError(Javac.compile(source), Javac.lineOf(source, "comparator = ById.class"),
          "has no public no-argument constructor");
    }

    @Test
    void contract2_comparator_abstract_fails() {
      String source = IMPORTS + """
          public class Orders {
            public abstract static class Base implements ResultComparator {
              public Base() {}
            }
          """ + METHOD.formatted("Base") + "}\n";
      assertOneError(Javac.compile(source), Javac.lineOf(source, "comparator = Base.class"),
          "its comparator demo.Orders.Base is abstract", "Fix: name a concrete class implementing ResultComparator");
    }

    @Test
    void contract2_comparator_interface_fails() {
      String source = IMPORTS + "public class Orders {\n" + METHOD.formatted("ResultComparator") + "}\n";
      assertOneError(Javac.compile(source), Javac.lineOf(source, "comparator = ResultComparator.class"),
          "its comparator dev.flaggate.ResultComparator is an interface");
    }

    @Test
    void contract2_comparator_innerClass_fails() {
      String source = IMPORTS + """
          public class Orders {
            public final class ById implements ResultComparator {
              public ById() {}
              public boolean equivalent(Object a, Object b) { return true; }
            }
          """ + METHOD.formatted("ById") + "}\n";
      assertOneError(Javac.compile(source), Javac.lineOf(source, "comparator = ById.class"),
          "is an inner class", "Fix: declare it static: static class ById");
    }

    @Test
    void contract2_comparator_publicNoArgConstructor_isAccepted() {
      String source = IMPORTS + """
          public class Orders {
            public static final class ById implements ResultComparator {
              public boolean equivalent(Object a, Object b) { return true; }
            }
          """ + METHOD.formatted("ById") + "}\n";
      assertClean(Javac.compile(source));
    }
  }

  @Nested
  @DisplayName("contract 6: warn where dual-run comparison would be meaningless")
  class MeaninglessComparison {

    @Test
    void contract6_compared_resultWithoutEquals_warnsWithDefaultComparator() {
      String source = IMPORTS + """
          public class Orders {
            public static class Receipt {}
            @FlagGated(value = "F", legacy = "old")
            public Receipt quote(@ShopperId String shopper) { return new Receipt(); }
            private Receipt old(String shopper) { return new Receipt(); }
          }
          """;
      Javac.Result result = Javac.compile(source);
      assertTrue(result.success(), result::toString);
      assertEquals(1, result.warnings().size(), result::toString);
      Diagnostic<? extends JavaFileObject> warning = result.warnings().get(0);
      assertEquals(Javac.lineOf(source, "public Receipt quote"), warning.getLineNumber(), result::toString);
      assertContains(message(warning), "@FlagGated demo.Orders.quote(String): its result type Receipt does not"
          + " override equals()", "Fix: give Receipt an equals() (or make it a record), or name a comparator");
    }

    @Test
    void contract6_compared_resultWithoutEquals_namedComparator_doesNotWarn() {
      String source = IMPORTS + """
          public class Orders {
            public static class Receipt {}
            public static class ByClass implements ResultComparator {
              public boolean equivalent(Object a, Object b) { return a.getClass() == b.getClass(); }
            }
            @FlagGated(value = "F", legacy = "old", comparator = ByClass.class)
            public Receipt quote(@ShopperId String shopper) { return new Receipt(); }
            private Receipt old(String shopper) { return new Receipt(); }
          }
          """;
      assertClean(Javac.compile(source));
    }

    @Test
    void contract6_compared_valueTypes_doNotWarn() {
      String source = IMPORTS + """
          public class Orders {
            public record Quote(long cents) {}
            public enum Tier { GOLD }
            public static class Money { public boolean equals(Object o) { return o instanceof Money; }
                public int hashCode() { return 1; } }
            public static class Euros extends Money {}
            public abstract static class Shape {}
            @FlagGated(value = "A", legacy = "a0") public Quote a(@ShopperId String s) { return null; }
            Quote a0(String s) { return null; }
            @FlagGated(value = "B", legacy = "b0") public Tier b(@ShopperId String s) { return null; }
            Tier b0(String s) { return null; }
            @FlagGated(value = "C", legacy = "c0") public byte[] c(@ShopperId String s) { return null; }
            byte[] c0(String s) { return null; }
            @FlagGated(value = "D", legacy = "d0") public double d(@ShopperId String s) { return 0; }
            double d0(String s) { return 0; }
            @FlagGated(value = "E", legacy = "e0") public Euros e(@ShopperId String s) { return null; }
            Euros e0(String s) { return null; }
            @FlagGated(value = "G", legacy = "g0") public Shape g(@ShopperId String s) { return null; }
            Shape g0(String s) { return null; }
            @FlagGated(value = "H", legacy = "h0") public List<String> h(@ShopperId String s) { return null; }
            List<String> h0(String s) { return null; }
            @FlagGated(value = "I", legacy = "i0") public <T> T i(@ShopperId String s) { return null; }
            <T> T i0(String s) { return null; }
          }
          """;
      assertClean(Javac.compile(source));
    }

    @Test
    void contract6_compared_futureResult_warnsRoutedButNotCompared() {
      String source = IMPORTS + """
          import java.util.concurrent.*;
          public class Orders {
            @FlagGated(value = "F", legacy = "old")
            public CompletableFuture<String> quote(@ShopperId String shopper) { return null; }
            private CompletableFuture<String> old(String shopper) { return null; }
            @FlagGated(value = "G", legacy = "old2")
            public CompletionStage<String> stage(@ShopperId String shopper) { return null; }
            private CompletionStage<String> old2(String shopper) { return null; }
          }
          """;
      Javac.Result result = Javac.compile(source);
      assertTrue(result.success(), result::toString);
      assertEquals(2, result.warnings().size(), result::toString);
      assertEquals(Javac.lineOf(source, "public CompletableFuture<String> quote"), result.warnings().get(0).getLineNumber());
      assertContains(message(result.warnings().get(0)),
          "@FlagGated demo.Orders.quote(String): it returns CompletableFuture: calls are routed, but dual-run does not"
              + " compare the outcomes");
      assertContains(message(result.warnings().get(1)), "it returns CompletionStage");
    }

    @Test
    void contract6_compared_suppressWarningsFlaggate_silencesTheWarning() {
      String source = IMPORTS + """
          @SuppressWarnings("flaggate")
          public class Orders {
            public static class Receipt {}
            @FlagGated(value = "F", legacy = "old")
            public Receipt quote(@ShopperId String shopper) { return new Receipt(); }
            private Receipt old(String shopper) { return new Receipt(); }
          }
          """;
      assertClean(Javac.compile(source));
    }
  }

  @Nested
  @DisplayName("contract 2: a correct gated class compiles cleanly")
  class Correct {

    @Test
    void contract2_correctClass_compilesWithoutDiagnostics() {
      String source = IMPORTS + """
          public class Orders {
            public record Customer(String shopperId) {}
            public static final class Session { public String getShopperId() { return "s"; } }

            @FlagGated(value = "STATIC_FLAG", legacy = "priceOld")
            public static long price(@ShopperId String shopper, int qty) throws java.io.IOException { return 2L * qty; }
            private static long priceOld(String shopper, int qty) { return qty; }

            @FlagGated(value = "INSTANCE_FLAG", legacy = "quoteOld", shadowFlag = "S", dualRunFlag = "D")
            public String quote(Customer customer, @ShopperId Session session) { return "new"; }
            private String quoteOld(Customer customer, Session session) { return "old"; }

            @FlagGated("VOID_FLAG")
            public void notify(String shopperId, String message) {}

            @FlagGated(value = "ACCESSOR_FLAG", legacy = "greetOld")
            protected String greet(@ShopperId Customer customer) { return "hi"; }
            String greetOld(Customer customer) { return "hello"; }

            @FlagGated(value = "OVERLOADED", legacy = "greetOld")
            String greet(@ShopperId Session session) { return "hi"; }
            private String greetOld(Session session) { return "hello"; }
          }
          """;
      assertClean(Javac.compile(source));
    }

    @Test
    void contract2_unresolvedTypes_leaveTheErrorsToJavac() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "old", comparator = Missing.class)
            public Unknown quote(@ShopperId Nope shopper) { return null; }
            private Unknown old(Nope shopper) { return null; }
          }
          """;
      Javac.Result result = Javac.compile(source);
      assertFalse(result.success(), result::toString);
      assertTrue(result.diagnostics().stream().noneMatch(d -> message(d).startsWith("@FlagGated")), result::toString);
    }

    @Test
    void registration_serviceFile_letsJavacFindTheProcessorOnTheProcessorPath() {
      String source = IMPORTS + """
          public class Orders {
            @FlagGated(value = "F", legacy = "missing")
            public String quote(@ShopperId String shopper) { return "new"; }
          }
          """;
      assertOneError(Javac.compileWithProcessorPath(source), Javac.lineOf(source, "legacy = \"missing\""),
          "its legacy method \"missing\" does not exist");
    }

    @Test
    void registration_supportsTheLatestSourceVersionAndOnlyFlagGated() {
      FlagGatedProcessor processor = new FlagGatedProcessor();
      assertEquals(SourceVersion.latestSupported(), processor.getSupportedSourceVersion());
      assertEquals(Set.of("dev.flaggate.FlagGated"), processor.getSupportedAnnotationTypes());
    }
  }

  private static void assertOneError(Javac.Result result, long line, String... fragments) {
    assertFalse(result.success(), result::toString);
    List<Diagnostic<? extends JavaFileObject>> errors = result.errors();
    assertEquals(1, errors.size(), result::toString);
    assertEquals(line, errors.get(0).getLineNumber(), result::toString);
    assertContains(message(errors.get(0)), fragments);
  }

  private static void assertClean(Javac.Result result) {
    assertTrue(result.success(), result::toString);
    assertEquals(List.of(), result.warnings(), result::toString);
  }

  private static void assertContains(String message, String... fragments) {
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), () -> "expected <" + fragment + "> in\n" + message);
    }
  }

  private static String message(Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getMessage(Locale.ROOT);
  }
}
