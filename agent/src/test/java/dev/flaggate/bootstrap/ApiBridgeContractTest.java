package dev.flaggate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API jar calls the bridge by name (its {@code AgentLink}, compiled against a stand-in): every
 * bridge method it names must exist in the agent's bridge, public and static, with the same
 * descriptor, or each check would fail with a {@code NoSuchMethodError} at run time.
 */
class ApiBridgeContractTest {

  private static final String BRIDGE = "dev/flaggate/bootstrap/FlagGateBridge";

  @Test
  @DisplayName("every bridge method the API jar calls by name exists in the agent's bridge, public static, same descriptor")
  void apiCallsMatchTheBridge() throws IOException {
    Set<String> called = bridgeMethodsCalledBy("dev/flaggate/AgentLink.class");
    assertEquals(Set.of("attached()Z", "evaluate(Ljava/lang/String;Ljava/lang/String;)I", "inShadow()Z",
        "reasonWords()[Ljava/lang/String;"), called);
    Set<String> offered = new TreeSet<>();
    for (Method method : FlagGateBridge.class.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())) {
        offered.add(method.getName() + Type.getMethodDescriptor(method));
      }
    }
    assertTrue(offered.containsAll(called), "the bridge offers " + offered + ", the API calls " + called);
  }

  @Test
  @DisplayName("the API jar carries no bridge of its own: the stand-in it compiles against is never packaged")
  void apiJarHasNoBridgeClass() throws IOException {
    ClassLoader apiLoader = dev.flaggate.FlagGate.class.getClassLoader();
    assertNotNull(apiLoader.getResource("dev/flaggate/AgentLink.class"));
    String apiLocation = dev.flaggate.FlagGate.class.getProtectionDomain().getCodeSource().getLocation().toString();
    try (java.util.jar.JarFile jar = apiLocation.endsWith(".jar")
        ? new java.util.jar.JarFile(new java.io.File(java.net.URI.create(apiLocation))) : null) {
      if (jar != null) {
        assertNull(jar.getEntry(BRIDGE + ".class"), apiLocation + " must not hold the bridge");
      } else {
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(java.net.URI.create(apiLocation)).resolve(BRIDGE + ".class")),
            apiLocation + " must not hold the bridge");
      }
    }
  }

  private static Set<String> bridgeMethodsCalledBy(String classFile) throws IOException {
    Set<String> called = new TreeSet<>();
    try (InputStream in = dev.flaggate.FlagGate.class.getClassLoader().getResourceAsStream(classFile)) {
      assertNotNull(in, classFile);
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
          return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
              if (owner.equals(BRIDGE)) {
                assertEquals(Opcodes.INVOKESTATIC, opcode, method);
                called.add(method + desc);
              }
            }
          };
        }
      }, ClassReader.SKIP_DEBUG);
    }
    return called;
  }
}
