package dev.flaggate.agent.instrumentation;

import dev.flaggate.bootstrap.GatedCalls;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.utility.JavaConstant;

/**
 * The bytecode that {@link RoutingAdvice}'s custom annotations stand for in one gated method. Each is
 * a {@link StackManipulation} leaving one {@code Object} on the stack.
 */
final class AdviceBindings {

  private static final TypeDescription.Generic OBJECT = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);
  private static final MethodDescription.InDefinedShape BOOTSTRAP = bootstrapMethod();

  private AdviceBindings() {}

  /** The shopper parameter as an object, or {@code null}. */
  static StackManipulation shopperHolder(GatedMethodPlan plan) {
    if (plan.shopperParameter() == null) {
      return NullConstant.INSTANCE;
    }
    if (plan.shopperParameter().getType().isPrimitive()) {
      return new TextConstant("primitive"); // never null; boxing it twice would only cost
    }
    return MethodVariableAccess.load(plan.shopperParameter());
  }

  /** The value that identifies the shopper: the parameter, or its accessor's result, boxed. */
  static StackManipulation shopperValue(GatedMethodPlan plan) {
    if (plan.shopperParameter() == null) {
      return NullConstant.INSTANCE;
    }
    if (plan.shopperAccessor() == null) {
      return new StackManipulation.Compound(
          MethodVariableAccess.load(plan.shopperParameter()),
          box(plan.shopperParameter().getType()));
    }
    return new StackManipulation.Compound(
        MethodVariableAccess.load(plan.shopperParameter()),
        MethodInvocation.invoke(plan.shopperAccessor()),
        box(plan.shopperAccessor().getReturnType()));
  }

  /** A direct call of the legacy method with this method's receiver and arguments, boxed. */
  static StackManipulation legacyCall(GatedMethodPlan plan) {
    if (plan.legacy() == null) {
      return NullConstant.INSTANCE;
    }
    MethodDescription.InDefinedShape legacy = plan.legacy();
    StackManipulation arguments = plan.method().isStatic()
        ? MethodVariableAccess.allArgumentsOf(plan.method())
        : MethodVariableAccess.allArgumentsOf(plan.method()).prependThisReference();
    StackManipulation result = legacy.getReturnType().represents(void.class)
        ? NullConstant.INSTANCE
        : box(legacy.getReturnType());
    return new StackManipulation.Compound(arguments, MethodInvocation.invoke(legacy), result);
  }

  /**
   * An invokedynamic call, linked by the agent, that runs the shadow or dual-run route. The linker
   * receives a full-privilege lookup of the instrumented class, so it can call private legacy
   * methods and the gated method itself without reflection or opened modules.
   */
  static StackManipulation complexCall(GatedMethodPlan plan, int siteId) {
    MethodDescription.InDefinedShape method = plan.method();
    List<TypeDescription> parameters = new java.util.ArrayList<>();
    if (!method.isStatic()) {
      parameters.add(method.getDeclaringType());
    }
    parameters.addAll(method.getParameters().asTypeList().asErasures());
    StackManipulation arguments = method.isStatic()
        ? MethodVariableAccess.allArgumentsOf(method)
        : MethodVariableAccess.allArgumentsOf(method).prependThisReference();
    return new StackManipulation.Compound(
        arguments,
        MethodInvocation.invoke(BOOTSTRAP).dynamic(
            "route", OBJECT.asErasure(), parameters, List.of(JavaConstant.Simple.ofLoaded(siteId))));
  }

  private static StackManipulation box(TypeDescription.Generic type) {
    return Assigner.DEFAULT.assign(type, OBJECT, Assigner.Typing.STATIC);
  }

  private static MethodDescription.InDefinedShape bootstrapMethod() {
    try {
      return new MethodDescription.ForLoadedMethod(GatedCalls.class.getMethod(
          "bootstrap", MethodHandles.Lookup.class, String.class, MethodType.class, int.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the bridge lacks its bootstrap method", e);
    }
  }

}
