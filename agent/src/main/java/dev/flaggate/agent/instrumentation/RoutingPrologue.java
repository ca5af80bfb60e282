package dev.flaggate.agent.instrumentation;

import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Puts the routing prologue in front of one gated method's own body; the body itself is not changed.
 *
 * <p>Design note: the prologue asks the bridge for the route, then either falls into the body
 * (flag on) or answers the call itself and returns, so nothing has to wrap the body's exits:
 * <pre>
 *   route = GatedCalls.route(site, ldc SITE_STATE, shopper)   // any Throwable here: routeFailed (LEGACY)
 *   switch (route) {
 *     LEGACY       -> return legacy(args)        // a direct call from the class's own bytecode
 *     LEGACY_TIMED -> t = nanoTime(); r = legacy(args); primaryDone(site, false, t); return r
 *     NEW_TIMED    -> t = nanoTime(); bypassNext(site);
 *                     try { r = this.method(args) } finally { newBodyDone(site, t) }; return r
 *     COMPLEX      -> try { return (R) invokedynamic route(this, args) }   // shadow and dual-run, in the agent
 *                     catch (t == UNLINKED_ROUTE) { return legacy(args) }   // a site the agent could not link
 *     NEW          -> the body
 *   }
 * </pre>
 * A latency sample of the new body calls the method again, non-virtually, with a one-shot bypass of
 * routing: the prologue runs only at entry, and the body's returns and throws stay as compiled.
 * Because the class gains no member, classes loaded before the agent can be retransformed.
 *
 * <p>{@code SITE_STATE} is a dynamic constant ({@code CONSTANT_Dynamic}, Java 11+ class files) that
 * resolves, once, to the site's state in the agent: a constant of the class from then on, which the
 * JIT compiler folds, so finding the site costs a gated call nothing. Older class files cannot hold
 * one and call {@code GatedCalls.route(site, shopper)}, which finds the state by id (two loads more).
 *
 * <p>The class is read with expanded frames, so the few stack-map frames the prologue needs are
 * written in full: the entry frame (the receiver and the parameters) at every branch target. The
 * body's first frame is the entry frame too; when the body declares its own frame there, that one
 * is kept instead.
 */
final class RoutingPrologue extends MethodVisitor {

  private static final String GATED_CALLS = "dev/flaggate/bootstrap/GatedCalls";
  private static final String THROWABLE = "java/lang/Throwable";
  private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, GATED_CALLS, "bootstrap",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;",
      false);
  private static final Handle SITE_STATE = new Handle(Opcodes.H_INVOKESTATIC, GATED_CALLS, "siteState",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);
  private static final Object[] EMPTY_STACK = {};
  private static final String OBJECT = "java/lang/Object";
  // route constants of GatedCalls: the bootstrap class is not loaded here, so they are repeated
  private static final int LEGACY = 0;
  private static final int LEGACY_TIMED = 2;

  private final GatedMethodPlan plan;
  private final int site;
  /** Java 11+ class files hand the route their site's state as a dynamic constant ({@code ldc}). */
  private final boolean siteStateConstant;
  private final String owner;
  private final boolean isStatic;
  private final Type[] parameters;
  private final Type returnType;
  private final Object[] entryLocals;
  private final int argumentSlots;
  private boolean bodyFramePending;

  RoutingPrologue(MethodVisitor body, GatedMethodPlan plan, int site) {
    super(Opcodes.ASM9, body);
    this.plan = plan;
    this.site = site;
    this.siteStateConstant = plan.owner().majorVersion() >= Opcodes.V11;
    this.owner = plan.owner().internalName();
    this.isStatic = plan.method().isStatic();
    this.parameters = plan.method().parameterTypes();
    this.returnType = plan.method().returnType();
    this.entryLocals = entryLocals(owner, isStatic, parameters);
    this.argumentSlots = (Type.getArgumentsAndReturnSizes(plan.method().descriptor()) >> 2) - (isStatic ? 1 : 0);
  }

  @Override
  public void visitCode() {
    super.visitCode();
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label routeFailed = new Label();
    Label tellStart = new Label();
    Label tellEnd = new Label();
    Label tellFailed = new Label();
    Label routed = new Label();
    Label legacy = new Label();
    Label body = new Label();
    Label legacyTimed = new Label();
    Label newTimed = new Label();
    Label complex = new Label();

    mv.visitTryCatchBlock(tryStart, tryEnd, routeFailed, THROWABLE);
    mv.visitTryCatchBlock(tellStart, tellEnd, tellFailed, THROWABLE);
    mv.visitLabel(tryStart);
    pushInt(site);
    if (siteStateConstant) {
      mv.visitLdcInsn(new ConstantDynamic("site", "Ljava/lang/Object;", SITE_STATE, site));
      pushShopper(Opcodes.INTEGER, OBJECT);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "route", "(ILjava/lang/Object;Ljava/lang/Object;)I", false);
    } else {
      pushShopper(Opcodes.INTEGER);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "route", "(ILjava/lang/Object;)I", false);
    }
    mv.visitLabel(tryEnd);
    mv.visitJumpInsn(Opcodes.GOTO, routed);
    // an accessor that throws, or anything else: legacy, as the agent's rule says, and the agent
    // is told so that it can say what went wrong (routeFailed answers LEGACY, or NEW for a re-entry
    // armed to run the body, and never throws)
    frame(routeFailed, entryLocals, THROWABLE);
    mv.visitLabel(tellStart);
    pushInt(site);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "routeFailed", "(Ljava/lang/Throwable;I)I", false);
    mv.visitLabel(tellEnd);
    mv.visitJumpInsn(Opcodes.GOTO, routed);
    // the bridge itself out of reach (a class loader that does not delegate to the bootstrap loader
    // for dev.flaggate.bootstrap): telling fails as routing did, and legacy still answers
    frame(tellFailed, entryLocals, THROWABLE);
    mv.visitInsn(Opcodes.POP);
    pushInt(LEGACY);
    frame(routed, entryLocals, Opcodes.INTEGER);
    mv.visitTableSwitchInsn(LEGACY, 4, legacy, legacy, body, legacyTimed, newTimed, complex);

    frame(legacy, entryLocals);
    callLegacy();
    returnValue();

    frame(legacyTimed, entryLocals);
    startClock();
    callLegacy();
    pushInt(site);
    pushInt(0);
    mv.visitVarInsn(Opcodes.LLOAD, argumentSlots);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "primaryDone", "(IZJ)V", false);
    returnValue();

    frame(newTimed, entryLocals);
    emitTimedNewBody();

    emitComplexCall(complex, legacy);

    mv.visitLabel(body);
    bodyFramePending = true;
  }

  /**
   * {@code COMPLEX}: the invokedynamic call. A call site the agent could not link throws the bridge's
   * {@code UNLINKED_ROUTE}, caught here by identity and answered by {@code legacy}; anything else
   * thrown is the call's own outcome (legacy's or the new body's, as the caller would see it without
   * the agent) and is passed on unchanged.
   */
  private void emitComplexCall(Label complex, Label legacy) {
    Label callStart = new Label();
    Label callEnd = new Label();
    Label callThrew = new Label();
    Label passOn = new Label();
    mv.visitTryCatchBlock(callStart, callEnd, callThrew, THROWABLE);
    frame(complex, entryLocals);
    loadReceiverAndArguments();
    mv.visitLabel(callStart);
    mv.visitInvokeDynamicInsn("route", complexDescriptor(), BOOTSTRAP, site);
    mv.visitLabel(callEnd);
    unboxReturnValue();
    returnValue();
    frame(callThrew, entryLocals, THROWABLE);
    mv.visitInsn(Opcodes.DUP);
    mv.visitFieldInsn(Opcodes.GETSTATIC, GATED_CALLS, "UNLINKED_ROUTE", "Ljava/lang/Throwable;");
    mv.visitJumpInsn(Opcodes.IF_ACMPNE, passOn);
    mv.visitInsn(Opcodes.POP);
    mv.visitJumpInsn(Opcodes.GOTO, legacy);
    frame(passOn, entryLocals, THROWABLE);
    mv.visitInsn(Opcodes.ATHROW);
  }

  private void emitTimedNewBody() {
    Label callStart = new Label();
    Label callEnd = new Label();
    Label callThrew = new Label();
    mv.visitTryCatchBlock(callStart, callEnd, callThrew, THROWABLE);
    startClock();
    pushInt(site);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "bypassNext", "(I)V", false);
    mv.visitLabel(callStart);
    loadReceiverAndArguments();
    mv.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner, plan.method().name(),
        plan.method().descriptor(), false);
    mv.visitLabel(callEnd);
    newBodyDone();
    returnValue();
    Object[] timedLocals = java.util.Arrays.copyOf(entryLocals, entryLocals.length + 1);
    timedLocals[entryLocals.length] = Opcodes.LONG;
    frame(callThrew, timedLocals, THROWABLE);
    newBodyDone();
    mv.visitInsn(Opcodes.ATHROW);
  }

  private void startClock() {
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
    mv.visitVarInsn(Opcodes.LSTORE, argumentSlots); // the first slot after the arguments: the body has not started
  }

  private void newBodyDone() {
    pushInt(site);
    mv.visitVarInsn(Opcodes.LLOAD, argumentSlots);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, GATED_CALLS, "newBodyDone", "(IJ)V", false);
  }

  /** The shopper's id as an {@code Object} (boxed, or through the accessor), or {@code null}. */
  /** Pushes the shopper argument (boxed, or read by its accessor) above the stack items {@code below}. */
  private void pushShopper(Object... below) {
    int index = plan.shopperParameter();
    if (index < 0) {
      mv.visitInsn(Opcodes.ACONST_NULL);
      return;
    }
    Type type = parameters[index];
    int slot = slotOf(index);
    mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
    ShopperAccessor accessor = plan.shopperAccessor();
    if (accessor == null) {
      box(type);
      return;
    }
    // a null holder has no shopper: the rule then says no_shopper, and no accessor is called on null
    Label isNull = new Label();
    Label done = new Label();
    mv.visitJumpInsn(Opcodes.IFNULL, isNull);
    mv.visitVarInsn(Opcodes.ALOAD, slot);
    mv.visitMethodInsn(accessor.ownerIsInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
        accessor.owner(), accessor.name(), accessor.descriptor(), accessor.ownerIsInterface());
    box(Type.getReturnType(accessor.descriptor()));
    mv.visitJumpInsn(Opcodes.GOTO, done);
    frame(isNull, entryLocals, below);
    mv.visitInsn(Opcodes.ACONST_NULL);
    Object[] withShopper = java.util.Arrays.copyOf(below, below.length + 1);
    withShopper[below.length] = OBJECT;
    frame(done, entryLocals, withShopper);
  }

  private void callLegacy() {
    MethodShape legacy = plan.legacy();
    if (legacy == null) {
      return; // a void method without legacy: "off" skips the body
    }
    loadReceiverAndArguments();
    int opcode = legacy.isStatic() ? Opcodes.INVOKESTATIC
        : legacy.is(Opcodes.ACC_PRIVATE) ? Opcodes.INVOKESPECIAL : Opcodes.INVOKEVIRTUAL;
    mv.visitMethodInsn(opcode, owner, legacy.name(), legacy.descriptor(), false);
  }

  private void loadReceiverAndArguments() {
    if (!isStatic) {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
    }
    for (int i = 0; i < parameters.length; i++) {
      mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slotOf(i));
    }
  }

  private int slotOf(int parameter) {
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameter; i++) {
      slot += parameters[i].getSize();
    }
    return slot;
  }

  /**
   * The invokedynamic instruction's type: the receiver (the class itself), then the parameters with
   * every reference type erased to {@code Object}, the result boxed. The JVM resolves this type
   * before the bootstrap method runs and remembers a failure for good: a parameter type absent at
   * run time (an optional dependency, passed as null) would throw {@code NoClassDefFoundError} into
   * every shadow and dual-run call. Erased, the type always resolves, and the agent, finding the
   * method's real type from its descriptor, can fall back to legacy.
   */
  private String complexDescriptor() {
    StringBuilder descriptor = new StringBuilder("(");
    if (!isStatic) {
      descriptor.append('L').append(owner).append(';');
    }
    for (Type parameter : parameters) {
      int sort = parameter.getSort();
      descriptor.append(sort == Type.OBJECT || sort == Type.ARRAY ? "Ljava/lang/Object;" : parameter.getDescriptor());
    }
    return descriptor.append(")Ljava/lang/Object;").toString();
  }

  private void returnValue() {
    mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
  }

  private void unboxReturnValue() {
    switch (returnType.getSort()) {
      case Type.VOID -> mv.visitInsn(Opcodes.POP);
      case Type.OBJECT, Type.ARRAY -> {
        if (!returnType.getDescriptor().equals("Ljava/lang/Object;")) {
          mv.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
        }
      }
      default -> {
        String wrapper = Boxes.wrapper(returnType);
        mv.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, wrapper, returnType.getClassName() + "Value",
            "()" + returnType.getDescriptor(), false);
      }
    }
  }

  private void box(Type type) {
    if (type.getSort() >= Type.BOOLEAN && type.getSort() <= Type.DOUBLE) {
      String wrapper = Boxes.wrapper(type);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
    }
  }

  private void pushInt(int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  private void frame(Label label, Object[] locals, Object... stack) {
    mv.visitLabel(label);
    mv.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
  }

  private static Object[] entryLocals(String owner, boolean isStatic, Type[] parameters) {
    Object[] locals = new Object[parameters.length + (isStatic ? 0 : 1)];
    int i = 0;
    if (!isStatic) {
      locals[i++] = owner;
    }
    for (Type parameter : parameters) {
      locals[i++] = switch (parameter.getSort()) {
        case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
        case Type.FLOAT -> Opcodes.FLOAT;
        case Type.LONG -> Opcodes.LONG;
        case Type.DOUBLE -> Opcodes.DOUBLE;
        default -> parameter.getInternalName();
      };
    }
    return locals;
  }

  // ---- the body, unchanged; its first frame is the entry frame, written before its first instruction

  private void bodyStarts() {
    if (bodyFramePending) {
      bodyFramePending = false;
      mv.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 0, EMPTY_STACK);
    }
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    bodyFramePending = false; // the body declares its own first frame: it is the one that must hold
    super.visitFrame(type, numLocal, local, numStack, stack);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(Math.max(maxStack, argumentSlots + 6), Math.max(maxLocals, argumentSlots + 2));
  }

  @Override
  public void visitInsn(int opcode) {
    bodyStarts();
    super.visitInsn(opcode);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    bodyStarts();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    bodyStarts();
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    bodyStarts();
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
    bodyStarts();
    super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
    bodyStarts();
    super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
    bodyStarts();
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    bodyStarts();
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    bodyStarts();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    bodyStarts();
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    bodyStarts();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    bodyStarts();
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    bodyStarts();
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
