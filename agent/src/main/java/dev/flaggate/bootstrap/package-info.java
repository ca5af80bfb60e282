/**
 * The bridge: the few classes the agent places in the bootstrap class loader, so that instrumented
 * methods and every copy of the API jar, whatever class loader they live in, reach the one agent of
 * the JVM. Nothing here may depend on a class outside {@code java.*} and this package.
 */
package dev.flaggate.bootstrap;
