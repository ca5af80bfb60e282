package dev.flaggate.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hierarchy roots the analysis answers without reading the JDK's class files say what those files say. */
class TypeHierarchyTest {

  @Test
  void rootsAgreeWithTheJdksClassFiles() throws IOException {
    for (Map.Entry<String, ClassShape> root : TypeHierarchy.ROOTS.entrySet()) {
      ClassShape known = root.getValue();
      ClassShape read;
      try (InputStream in = ClassLoader.getSystemResourceAsStream(root.getKey() + ".class")) {
        assertNotNull(in, root.getKey());
        read = ClassShapeReader.read(in.readAllBytes());
      }
      assertEquals(read.internalName(), known.internalName());
      assertEquals(read.superName(), known.superName(), root.getKey());
      assertEquals(read.interfaces(), known.interfaces(), root.getKey());
      int asked = Modifier.PUBLIC | Modifier.ABSTRACT | Modifier.INTERFACE;
      assertEquals(read.access() & asked, known.access() & asked, root.getKey());
      assertTrue(read.methods().stream().noneMatch(m -> m.name().equals("shopperId") || m.name().equals("getShopperId")),
          root.getKey() + " declares no shopper accessor");
    }
  }

  @Test
  void rootsAreAnsweredWithoutAClassLoader() {
    // a loader that finds nothing: the roots still have their shapes, every other type is unknown
    TypeHierarchy hierarchy = new TypeHierarchy(new ClassLoader(null) {
      @Override
      public InputStream getResourceAsStream(String name) {
        return null;
      }
    });
    assertEquals("java/lang/Object", hierarchy.shapeOf("java/lang/Record").superName());
    assertTrue(hierarchy.isSubtypeOfAny("java/lang/Enum", java.util.Set.of("java/io/Serializable")));
  }
}
