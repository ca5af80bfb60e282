package dev.flaggate.testapp.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flaggate.FlagGated;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that brings its own Jackson (2.12) and Logback (1.2, with SLF4J 1.7) and logs
 * through them, beside a gated method. Compiled against this module's newer APIs, but it only uses
 * calls that the old versions have. Everything it prints must read the same with the agent as
 * without it, except the answer of the gated call for the shopper the flag routes to legacy.
 */
public final class IsolationApp {

  private static final Logger log = LoggerFactory.getLogger(IsolationApp.class);

  private IsolationApp() {}

  public static void main(String[] args) throws Exception {
    log.info("starting with {} shoppers", args.length);
    ObjectMapper mapper = new ObjectMapper();
    System.out.println("JACKSON " + mapper.version());
    System.out.println("JACKSON_FROM " + jarName(ObjectMapper.class));
    System.out.println("SLF4J_BINDING " + LoggerFactory.getILoggerFactory().getClass().getName());
    for (String shopper : args) {
      String greeting = new Greeter().greet(shopper);
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("shopper", shopper);
      reply.put("greeting", greeting);
      System.out.println("REPLY " + mapper.writeValueAsString(reply));
      log.debug("greeted {}", shopper);
    }
    log.warn("done");
  }

  private static String jarName(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The gated class. */
  public static final class Greeter {

    @FlagGated(value = "ISOLATION_GREETING_V2", legacy = "legacyGreet")
    public String greet(String shopperId) {
      log.info("new greeting path");
      return "hello from the new path";
    }

    private String legacyGreet(String shopperId) {
      log.info("legacy greeting path");
      return "hello from the legacy path";
    }
  }
}
