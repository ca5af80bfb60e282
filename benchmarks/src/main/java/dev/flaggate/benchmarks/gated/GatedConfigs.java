package dev.flaggate.benchmarks.gated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the flag files the agent reads in the gated forks: {@code calls/}, {@code reload-*}. */
public final class GatedConfigs {

  private GatedConfigs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    write(dir.resolve("calls/flags.json"), GatedIds.callsConfig());
    write(dir.resolve("reload-watch/flags.json"), GatedIds.reloadConfig(false));
    write(dir.resolve("reload-poll/flags.json"), GatedIds.reloadConfig(false));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
