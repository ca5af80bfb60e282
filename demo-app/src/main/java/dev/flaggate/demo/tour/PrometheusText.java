package dev.flaggate.demo.tour;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a Prometheus text endpoint: the agent's {@code /metrics}. Only what the tour reads
 * is parsed: sample lines, labels, values.
 */
final class PrometheusText {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final List<Sample> samples;

  PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /** A sample line: {@code name{label="value",...} value}. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static PrometheusText fetch(int port) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /metrics answered " + response.statusCode());
    }
    return parse(response.body());
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample sample = parseLine(line);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return new PrometheusText(samples);
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    String name;
    Map<String, String> labels = new HashMap<>();
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (i < line.length() && line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = line.indexOf('"', eq) + 1;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\' && j + 1 < line.length()) {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
          i++;
        }
      }
      rest = line.substring(i + 1).strip();
    } else if (space > 0) {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    } else {
      return null;
    }
    String number = rest.split("\\s+")[0];
    try {
      return new Sample(name, labels, parseValue(number));
    } catch (NumberFormatException unparsable) {
      return null;
    }
  }

  private static double parseValue(String number) {
    return switch (number) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(number);
    };
  }

  /** @return whether any sample of this metric name is present */
  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /**
   * Sum of the samples of {@code name} whose labels include {@code filter} (pairs key, value).
   *
   * @return the sum, 0 when none match
   */
  double sum(String name, String... filter) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && matches(sample.labels(), filter)) {
        sum += sample.value();
      }
    }
    return sum;
  }

  /** @return e.g. {@code applied=14 unchanged=1}: the samples of {@code name} summed per value of {@code label} */
  String byLabel(String name, String label) {
    Map<String, Double> sums = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name)) {
        sums.merge(sample.labels().getOrDefault(label, "?"), sample.value(), Double::sum);
      }
    }
    StringBuilder text = new StringBuilder();
    sums.forEach((value, sum) -> text.append(text.length() == 0 ? "" : " ").append(value).append('=').append((long) (double) sum));
    return text.length() == 0 ? "(none)" : text.toString();
  }

  /** Histogram buckets of {@code name_bucket} matching the filter, summed per upper bound. */
  TreeMap<Double, Double> buckets(String name, String... filter) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name + "_bucket") && matches(sample.labels(), filter) && sample.labels().containsKey("le")) {
        buckets.merge(parseValue(sample.labels().get("le")), sample.value(), Double::sum);
      }
    }
    return buckets;
  }

  /**
   * The 95th percentile, as a bucket upper bound, of what a histogram recorded between two scrapes.
   *
   * @return the bound in the histogram's unit, or NaN when nothing was recorded or no buckets exist
   */
  static double p95Between(PrometheusText before, PrometheusText after, String name, String... filter) {
    TreeMap<Double, Double> end = after.buckets(name, filter);
    if (end.isEmpty()) {
      return Double.NaN;
    }
    TreeMap<Double, Double> start = before == null ? new TreeMap<>() : before.buckets(name, filter);
    Map<Double, Double> delta = new LinkedHashMap<>();
    end.forEach((le, count) -> delta.put(le, count - start.getOrDefault(le, 0.0)));
    double total = delta.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    if (total <= 0) {
      return Double.NaN;
    }
    for (Map.Entry<Double, Double> bucket : delta.entrySet()) { // cumulative buckets, ascending bounds
      if (bucket.getValue() >= 0.95 * total) {
        return bucket.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static boolean matches(Map<String, String> labels, String... filter) {
    for (int i = 0; i + 1 < filter.length; i += 2) {
      if (!filter[i + 1].equals(labels.get(filter[i]))) {
        return false;
      }
    }
    return true;
  }
}
