package dev.flaggate.agent.observability.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed Prometheus text exposition: sample name with labels, as written, to value. */
final class Scrape {

  private final Map<String, Double> samples = new LinkedHashMap<>();
  private final String text;

  Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
  }

  /** The value of the sample named exactly so, labels in exposition order; null when absent. */
  Double value(String sample) {
    return samples.get(sample);
  }

  boolean hasMetricNamed(String name) {
    return samples.keySet().stream().anyMatch(sample -> sample.equals(name) || sample.startsWith(name + "{"));
  }

  String text() {
    return text;
  }
}
