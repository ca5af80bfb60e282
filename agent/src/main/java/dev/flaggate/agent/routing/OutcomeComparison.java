package dev.flaggate.agent.routing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls the method's {@code ResultComparator}, which lives in the application's class loader (each
 * copy of the API jar has its own interface), through method handles on that loader's interface.
 * Outcomes are rendered by the comparator's {@code describe}, or in full when the agent option asks.
 */
final class OutcomeComparison {

  private static final int FULL_VALUE_LIMIT = 2_000;

  private final MethodHandle equivalent;
  private final MethodHandle describe;
  private final boolean fullValues;

  private OutcomeComparison(MethodHandle equivalent, MethodHandle describe, boolean fullValues) {
    this.equivalent = equivalent;
    this.describe = describe;
    this.fullValues = fullValues;
  }

  /**
   * Instantiates the comparator named by the annotation, in the gated class's loader.
   *
   * @param caller full-privilege lookup of the gated class (may reach a package-private comparator)
   */
  static OutcomeComparison create(MethodHandles.Lookup caller, String comparatorClassName, boolean fullValues)
      throws ReflectiveOperationException {
    ClassLoader loader = caller.lookupClass().getClassLoader();
    Class<?> api = Class.forName("dev.flaggate.ResultComparator", false, loader);
    Class<?> comparatorClass = Class.forName(comparatorClassName, true, loader);
    Object comparator = instantiate(caller, comparatorClass);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodHandle equivalent = lookup.findVirtual(api, "equivalent",
        MethodType.methodType(boolean.class, Object.class, Object.class)).bindTo(comparator);
    MethodHandle describe = lookup.findVirtual(api, "describe",
        MethodType.methodType(String.class, Object.class)).bindTo(comparator);
    return new OutcomeComparison(equivalent, describe, fullValues);
  }

  /**
   * Whether the two sides agree. A side that threw and a side that returned never do (contract
   * section 6), whatever the comparator says: it is handed only the value or the throwable, and a
   * method may return an exception (a validator's answer) equal to the one the other side throws.
   */
  boolean equivalent(Outcome legacy, Outcome candidate) throws Throwable {
    if ((legacy.thrown() == null) != (candidate.thrown() == null)) {
      return false;
    }
    return (boolean) equivalent.invokeExact(legacy.comparable(), candidate.comparable());
  }

  String render(Outcome outcome) {
    String text;
    try {
      if (fullValues) {
        String full = String.valueOf(outcome.comparable());
        text = full.length() <= FULL_VALUE_LIMIT ? full : full.substring(0, FULL_VALUE_LIMIT) + "...(truncated)";
      } else {
        text = (String) describe.invokeExact(outcome.comparable());
      }
    } catch (Throwable describeFailed) {
      return "(describe failed: " + describeFailed.getClass().getName() + ")";
    }
    if (outcome.thrown() == null && outcome.value() instanceof Throwable) {
      // the comparator is handed a throwable either way, and describes one as thrown: a returned
      // one (a validator's answer) must read as returned, or a divergence between the two looks like none
      return "returned " + (text.startsWith("threw ") ? text.substring("threw ".length()) : text);
    }
    return text;
  }

  private static Object instantiate(MethodHandles.Lookup caller, Class<?> comparatorClass)
      throws ReflectiveOperationException {
    try {
      return comparatorClass.getConstructor().newInstance();
    } catch (IllegalAccessException | NoSuchMethodException notPublic) {
      try {
        return MethodHandles.privateLookupIn(comparatorClass, caller)
            .findConstructor(comparatorClass, MethodType.methodType(void.class))
            .invoke();
      } catch (Throwable alsoFailed) {
        ReflectiveOperationException failure = new ReflectiveOperationException(
            comparatorClass.getName() + " needs a public no-argument constructor");
        failure.addSuppressed(alsoFailed);
        throw failure;
      }
    }
  }
}
