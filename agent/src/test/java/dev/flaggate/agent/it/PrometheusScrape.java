package dev.flaggate.agent.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a forked agent's endpoint over real HTTP, parsed into samples. */
final class PrometheusScrape {

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\S+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String text;
  private final String contentType;
  private final List<Sample> samples = new ArrayList<>();

  private PrometheusScrape(String text, String contentType) {
    this.text = text;
    this.contentType = contentType;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
  }

  /** GETs {@code http://127.0.0.1:port/metrics}. */
  static PrometheusScrape of(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
    }
    return new PrometheusScrape(response.body(), response.headers().firstValue("Content-Type").orElse(""));
  }

  /**
   * The value of the one sample named {@code name} whose labels include {@code labels}
   * ({@code "key", "value", ...}); null when there is none; fails when several match.
   */
  Double value(String name, String... labels) {
    List<Sample> matching = matching(name, labels);
    if (matching.size() > 1) {
      throw new AssertionError(matching.size() + " samples match " + name + " " + List.of(labels) + ": " + matching);
    }
    return matching.isEmpty() ? null : matching.get(0).value();
  }

  List<Sample> matching(String name, String... labels) {
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.has(labels)) {
        matching.add(sample);
      }
    }
    return matching;
  }

  String text() {
    return text;
  }

  String contentType() {
    return contentType;
  }

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {

    boolean has(String... wanted) {
      for (int i = 0; i < wanted.length; i += 2) {
        if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
          return false;
        }
      }
      return true;
    }
  }
}
