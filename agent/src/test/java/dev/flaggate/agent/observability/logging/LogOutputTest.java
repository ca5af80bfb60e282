package dev.flaggate.agent.observability.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@DisplayName("contract 7: log=stdout|stderr|off|PATH")
class LogOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(LogOutputTest.class);

  @TempDir Path dir;
  private final PrintStream realOut = System.out;
  private final PrintStream realErr = System.err;

  @AfterEach
  void restore() {
    System.setOut(realOut);
    System.setErr(realErr);
    LogOutput.configure("stdout");
  }

  @Test
  @DisplayName("contract 7: log=PATH appends lines to the file")
  void pathAppends() throws IOException {
    Path file = dir.resolve("agent.log");
    Files.writeString(file, "{\"earlier\":true}\n");

    LogOutput.configure(file.toString());
    log.info("one");
    log.info("two");

    LogOutput.flush();
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    assertEquals("two", JSON.readTree(lines.get(2)).get("message").asText());
  }

  @Test
  @DisplayName("contract 7: a log file deleted, or moved away as logrotate does, is opened anew at its path")
  void deletedOrRotatedFile_openedAnew() throws IOException {
    Path file = dir.resolve("agent.log");
    LogOutput.configure(file.toString());
    log.info("first");
    LogOutput.flush();

    Files.delete(file);
    LogOutput.checkFileOnNextLine();
    log.info("after delete");
    LogOutput.flush();
    assertEquals(List.of("after delete"), messages(file), "a new file at the path holds the lines that follow");

    Files.move(file, dir.resolve("agent.log.1"));
    LogOutput.checkFileOnNextLine();
    log.info("after rotation");
    LogOutput.flush();
    assertEquals(List.of("after rotation"), messages(file));
    assertEquals(List.of("after delete"), messages(dir.resolve("agent.log.1")), "the rotated file keeps its lines");

    log.info("same file");
    LogOutput.checkFileOnNextLine();
    log.info("still the same");
    LogOutput.flush();
    assertEquals(List.of("after rotation", "same file", "still the same"), messages(file), "an unmoved file stays open");
  }

  private static List<String> messages(Path file) throws IOException {
    List<String> messages = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      messages.add(JSON.readTree(line).get("message").asText());
    }
    return messages;
  }

  @Test
  @DisplayName("contract 7: an unwritable path is reported on stderr once, lines go to stderr")
  void unwritablePathFallsBackToStderr() throws IOException {
    ByteArrayOutputStream err = capture(false);

    LogOutput.configure(dir.resolve("no-such-dir").resolve("agent.log").toString());
    log.info("after fallback");
    log.info("again");

    List<JsonNode> lines = parse(err);
    assertEquals(3, lines.size(), "one report, then the two lines: " + lines);
    assertEquals("log_output_fallback", lines.get(0).get("event").asText());
    assertEquals("after fallback", lines.get(1).get("message").asText());
  }

  @Test
  @DisplayName("contract 7: log=stderr and log=stdout write to the stream captured at configure")
  void standardStreams() throws IOException {
    ByteArrayOutputStream err = capture(false);
    LogOutput.configure("stderr");
    log.info("to stderr");
    ByteArrayOutputStream out = capture(true);
    LogOutput.configure("STDOUT");
    log.info("to stdout");
    // the application redirects System.out later: the agent keeps writing where it was told
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    log.info("still to stdout");

    assertEquals(List.of("to stderr"), messages(parse(err)));
    assertEquals(List.of("to stdout", "still to stdout"), messages(parse(out)));
  }

  @Test
  @DisplayName("contract 7: log=off writes nothing and loggers report themselves disabled")
  void offWritesNothing() throws IOException {
    ByteArrayOutputStream out = capture(true);
    ByteArrayOutputStream err = capture(false);
    LogOutput.configure("off");

    log.error("nothing");

    assertEquals(false, log.isErrorEnabled());
    assertEquals(0, out.size() + err.size());
  }

  @Test
  @DisplayName("the thread that logs only queues the line: rendering and writing happen on the agent's writer thread")
  void loggingThreadNeverRendersNorWrites() throws Exception {
    Path file = dir.resolve("writer.log");
    LogOutput.configure(file.toString());
    Set<String> renderedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Object value = new Object() {
      @Override
      public String toString() {
        renderedOn.add(Thread.currentThread().getName());
        return "rendered";
      }
    };
    Thread caller = new Thread(() -> log.atInfo().setMessage("queued").addKeyValue("value", value).log(), "app-caller");
    caller.start();
    caller.join();

    // no flush from here: the writer thread must get the line to the file on its own
    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((!Files.exists(file) || Files.readAllLines(file).isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size(), "the writer thread wrote the line without being asked");
    assertEquals("rendered", JSON.readTree(lines.get(0)).get("value").asText());
    assertEquals(Set.of("flaggate-log-writer"), renderedOn);
  }

  @Test
  @DisplayName("contract 8: lines logged from many threads at once stay whole lines")
  void concurrentLinesStayWhole() throws Exception {
    Path file = dir.resolve("concurrent.log");
    LogOutput.configure(file.toString());
    String payload = "x".repeat(5_000);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 250; i++) {
                  log.atInfo().setMessage("m").addKeyValue("id", thread + ":" + i)
                      .addKeyValue("payload", payload).log();
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    LogOutput.flush();
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = JSON.readTree(line);
      assertEquals(payload, node.get("payload").asText());
      ids.add(node.get("id").asText());
    }
    assertEquals(1_000, ids.size());
  }

  private static ByteArrayOutputStream capture(boolean stdout) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (stdout) {
      System.setOut(stream);
    } else {
      System.setErr(stream);
    }
    return bytes;
  }

  private static List<JsonNode> parse(ByteArrayOutputStream bytes) throws IOException {
    LogOutput.flush();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JSON.readTree(line));
      }
    }
    assertTrue(bytes.size() == 0 || bytes.toString(StandardCharsets.UTF_8).endsWith("\n"));
    return lines;
  }

  private static List<String> messages(List<JsonNode> lines) {
    return lines.stream().map(line -> line.get("message").asText()).toList();
  }
}
