package dev.flaggate.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.reflect.Modifier;

/**
 * The types a gated method's signature refers to, read as class files through the gated class's own
 * class loader: never loaded, since loading a class from inside a class-file transformer can
 * deadlock or load it too early. A type whose class file cannot be found counts as unknown, and
 * every question about it gets the answer that asks nothing of the user (not a shopper type, no
 * accessor, no warning).
 */
final class TypeHierarchy {

  /** The JVM's {@code ACC_ENUM}; {@link Modifier} has no public name for it. */
  private static final int ACC_ENUM = 0x4000;
  private static final ClassShape UNKNOWN = new ClassShape("", 0, 0, null, List.of(), List.of());

  /**
   * Shapes of {@code java.*} types, shared by every transformation: only the boot and platform
   * loaders may define those packages, so every loader sees the same ones, and reading {@code
   * String.class} once per gated class would cost a 10,000-class application real start-up time.
   */
  private static final Map<String, ClassShape> JDK_SHAPES = new ConcurrentHashMap<>();

  /**
   * The usual shopper id types and the one supertype of contract 2 each has: answered without
   * reading {@code String.class} and friends (JDK class files are large; every gated class asks).
   */
  private static final Map<String, String> KNOWN_SUPERTYPE = Map.ofEntries(
      Map.entry("java/lang/String", "java/lang/CharSequence"),
      Map.entry("java/lang/StringBuilder", "java/lang/CharSequence"),
      Map.entry("java/lang/StringBuffer", "java/lang/CharSequence"),
      Map.entry("java/lang/Long", "java/lang/Number"),
      Map.entry("java/lang/Integer", "java/lang/Number"),
      Map.entry("java/lang/Short", "java/lang/Number"),
      Map.entry("java/lang/Byte", "java/lang/Number"),
      Map.entry("java/lang/Double", "java/lang/Number"),
      Map.entry("java/lang/Float", "java/lang/Number"),
      Map.entry("java/math/BigInteger", "java/lang/Number"),
      Map.entry("java/math/BigDecimal", "java/lang/Number"),
      Map.entry("java/util/UUID", "java/util/UUID"));

  /**
   * The roots of most hierarchies, answered without reading their class files from the JDK's image
   * (the first such read starts the JDK's image reader: milliseconds of a gated class's rewrite,
   * on the application's thread). What the questions here need of them: their supertypes, and that
   * none declares a {@code shopperId()} accessor; {@code Object}'s and {@code Record}'s own equals
   * never decide anything (the walk stops at {@code Object}, a record's class file declares its own,
   * and an enum is never asked).
   */
  static final Map<String, ClassShape> ROOTS = Map.of(
      "java/lang/Object", new ClassShape("java/lang/Object", Modifier.PUBLIC, 61, null, List.of(), List.of()),
      "java/lang/Record", new ClassShape("java/lang/Record", Modifier.PUBLIC | Modifier.ABSTRACT, 61,
          "java/lang/Object", List.of(), List.of()),
      "java/lang/Enum", new ClassShape("java/lang/Enum", Modifier.PUBLIC | Modifier.ABSTRACT, 61,
          "java/lang/Object", List.of("java/lang/constant/Constable", "java/lang/Comparable", "java/io/Serializable"),
          List.of()));

  private final ClassLoader loader;
  private final Map<String, ClassShape> shapes = new HashMap<>();

  TypeHierarchy(ClassLoader loader) {
    this.loader = loader;
  }

  /** The shape of {@code internalName}, or {@code null} when its class file cannot be read. */
  ClassShape shapeOf(String internalName) {
    ClassShape root = ROOTS.get(internalName);
    if (root != null) {
      return root;
    }
    Map<String, ClassShape> cache = internalName.startsWith("java/") ? JDK_SHAPES : shapes;
    ClassShape shape = cache.get(internalName);
    if (shape == null) {
      shape = readShape(internalName);
      cache.put(internalName, shape); // two threads may both read a JDK type: same shape, no harm
    }
    return shape == UNKNOWN ? null : shape;
  }

  /** Whether {@code internalName} is one of {@code supertypes} or extends or implements one of them. */
  boolean isSubtypeOfAny(String internalName, Set<String> supertypes) {
    String known = KNOWN_SUPERTYPE.get(internalName);
    if (known != null) {
      return supertypes.contains(known) || supertypes.contains(internalName);
    }
    Deque<String> pending = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    pending.add(internalName);
    while (!pending.isEmpty()) {
      String current = pending.poll();
      if (supertypes.contains(current)) {
        return true;
      }
      ClassShape shape = seen.add(current) ? shapeOf(current) : null;
      if (shape != null) {
        if (shape.superName() != null) {
          pending.add(shape.superName());
        }
        pending.addAll(shape.interfaces());
      }
    }
    return false;
  }

  /**
   * The first of {@code names} that {@code type}, a superclass or an interface (a default method
   * counts) declares as a no-argument, non-void instance method callable from {@code caller}'s package.
   */
  MethodShape findAccessor(String type, String callerPackage, String... names) {
    for (String name : names) {
      Deque<String> pending = new ArrayDeque<>();
      Set<String> seen = new HashSet<>();
      pending.add(type);
      while (!pending.isEmpty()) {
        String next = pending.poll();
        ClassShape current = seen.add(next) ? shapeOf(next) : null;
        if (current == null) {
          continue;
        }
        for (MethodShape method : current.methods()) {
          if (method.name().equals(name) && method.descriptor().startsWith("()") && !method.descriptor().endsWith(")V")
              && !method.isStatic() && visible(method.access(), current, callerPackage)) {
            return method;
          }
        }
        if (current.superName() != null) {
          pending.add(current.superName());
        }
        pending.addAll(current.interfaces());
      }
    }
    return null;
  }

  /** Whether a concrete class inherits {@code Object.equals}, so its instances compare by identity. */
  boolean inheritsObjectEquals(String internalName) {
    if (internalName.startsWith("java/")) {
      return false; // the JDK's value types define equals; the rest are not plausible results to compare
    }
    ClassShape current = shapeOf(internalName);
    if (current == null || current.is(Modifier.INTERFACE | Modifier.ABSTRACT | ACC_ENUM)) {
      return false; // unknown, or abstract types that a subclass may give equals
    }
    while (current != null && !current.internalName().equals("java/lang/Object")) {
      for (MethodShape method : current.methods()) {
        if (method.name().equals("equals") && method.descriptor().equals("(Ljava/lang/Object;)Z") && !method.isStatic()) {
          return false;
        }
      }
      current = current.superName() == null ? null : shapeOf(current.superName());
    }
    return current != null;
  }

  private static boolean visible(int methodAccess, ClassShape declaring, String callerPackage) {
    if ((methodAccess & Modifier.PRIVATE) != 0) {
      return false;
    }
    boolean samePackage = declaring.packageName().equals(callerPackage);
    return ((methodAccess & Modifier.PUBLIC) != 0 || samePackage)
        && (declaring.is(Modifier.PUBLIC) || samePackage);
  }

  private ClassShape readShape(String internalName) {
    String resource = internalName + ".class";
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : open(resource)) {
      return in == null ? UNKNOWN : ClassShapeReader.read(in.readAllBytes());
    } catch (IOException | RuntimeException unreadable) {
      return UNKNOWN;
    }
  }

  private InputStream open(String resource) {
    InputStream in = loader.getResourceAsStream(resource);
    // a loader that does not delegate resources still sees the JDK's types through the system loader
    return in != null ? in : ClassLoader.getSystemResourceAsStream(resource);
  }
}
