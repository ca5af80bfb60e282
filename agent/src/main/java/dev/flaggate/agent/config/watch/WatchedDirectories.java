package dev.flaggate.agent.config.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The directories in which a change can change what the watched path reads: its own directory, and
 * the directory of every link along its symlink chain.
 *
 * <p>A Kubernetes ConfigMap ({@code dir/flags.json -> ..data/flags.json}, {@code ..data ->
 * ..2026_11_29_05_00_00.123/}) is updated by renaming {@code ..data_tmp} over {@code ..data} inside
 * {@code dir}, so {@code dir} alone sees it; a link to a file elsewhere ({@code
 * /etc/flaggate/flags.json -> /opt/config/flags.json}) changes where nothing in {@code dir} moves,
 * so its directory is watched too. Paths are real paths, so one directory is never registered twice
 * under two names.
 */
final class WatchedDirectories {

  /** The kernel's own limit on nested links (Linux MAXSYMLINKS); beyond it the path is a loop. */
  private static final int MAX_HOPS = 40;

  private WatchedDirectories() {}

  static Set<Path> of(Path file) {
    Set<Path> directories = new LinkedHashSet<>();
    Path current = file.toAbsolutePath().normalize();
    addParent(directories, current);
    for (int hop = 0; hop < MAX_HOPS && Files.isSymbolicLink(current); hop++) {
      try {
        // a relative target is relative to the link's own directory
        current = current.resolveSibling(Files.readSymbolicLink(current));
      } catch (IOException | UnsupportedOperationException e) {
        break; // replaced while we looked: the next check recomputes the chain
      }
      addParent(directories, current);
    }
    return directories;
  }

  private static void addParent(Set<Path> directories, Path path) {
    Path parent = path.getParent();
    if (parent == null) {
      return;
    }
    try {
      directories.add(parent.toRealPath());
    } catch (IOException e) {
      // absent for now: registration would fail anyway, and polling covers the gap
    }
  }
}
