package dev.flaggate.agent.routing;

/**
 * Everything the router needs to know about one gated method, decided once when its class was
 * instrumented: which flags decide it, how its outcomes are compared, and what to call it in logs.
 *
 * @param className the declaring class, binary name
 * @param methodName the gated method
 * @param methodDescriptor the gated method's descriptor, which its legacy shares
 * @param isStatic whether the gated (and so the legacy) method is static
 * @param legacyName the legacy alternative, or {@code null} for a void method whose "off" skips the body
 * @param flag the flag that decides the route
 * @param shadowFlag companion flag deciding shadow mode, or {@code null} to use the flag's own field
 * @param dualRunFlag companion flag deciding dual-run, or {@code null} to use the flag's own field
 * @param comparatorClassName the {@code ResultComparator} implementation to instantiate
 * @param comparable whether outcomes can be compared (not for {@code Future}/{@code CompletionStage})
 */
public record SiteDescriptor(
    String className,
    String methodName,
    String methodDescriptor,
    boolean isStatic,
    String legacyName,
    String flag,
    String shadowFlag,
    String dualRunFlag,
    String comparatorClassName,
    boolean comparable) {

  /** {@code Class.method} for logs. */
  public String displayName() {
    return className + "." + methodName;
  }
}
