package dev.flaggate.testapp.hostile;

import dev.flaggate.testapp.SecondaryPool;

/**
 * Passes every {@link HostileIds} id through each gated method of {@link Profile}, waiting for the
 * secondaries to finish. Writes its own progress on stderr only: stdout is the agent's.
 */
public final class HostileIdsApp {

  private HostileIdsApp() {}

  public static void main(String[] args) throws Exception {
    Profile profile = new Profile();
    for (String id : HostileIds.ALL) {
      String name = profile.name(id);
      int score = profile.score(id);
      String avatar = profile.avatar(id);
      SecondaryPool.awaitIdle();
      System.err.println("ANSWERS " + name + " " + score + " " + avatar);
    }
    System.err.println("END");
  }
}
