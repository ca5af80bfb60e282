package dev.flaggate.demo.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo's population: the seed guide's shoppers plus generated ones. Deterministic: the same
 * size gives the same shoppers, numbers and formats on every run.
 */
public final class Shoppers {

  /** The staging test shopper of the seed guide. */
  public static final String TEST_SHOPPER = "shopper_test_001";
  /** The canary shoppers of the seed guide. */
  public static final Set<String> CANARIES = Set.of("shopper_001", "shopper_002", "shopper_003");
  /** The seed's problem shopper: the gateway phases keep it on legacy through the denylist. */
  public static final String PROBLEM_SHOPPER = "shopper_problematico";

  private Shoppers() {}

  /**
   * @param size how many shoppers, at least the five of the seed
   * @return the seed's shoppers first, then {@code shopper_00006...}
   */
  public static List<Shopper> population(int size) {
    List<Shopper> shoppers = new ArrayList<>(size);
    // seed ids, with number formats chosen so that staging and canary meet the format divergence
    shoppers.add(new Shopper(TEST_SHOPPER, "(11) 91234-0001"));
    shoppers.add(new Shopper("shopper_001", "011 98877 0101"));
    shoppers.add(new Shopper("shopper_002", "+5521988770202"));
    shoppers.add(new Shopper("shopper_003", "+5531988770303"));
    shoppers.add(new Shopper(PROBLEM_SHOPPER, " +55 (11) 9 8765-4321 "));
    SplittableRandom random = new SplittableRandom(20260107);
    for (int i = shoppers.size() + 1; shoppers.size() < size; i++) {
      int area = 11 + random.nextInt(89);
      String subscriber = String.format("9%04d%04d", random.nextInt(10_000), random.nextInt(10_000));
      // about one store in four keeps numbers as typed; the rest already store E.164
      String phone = switch (random.nextInt(12)) {
        case 0 -> "(" + area + ") " + subscriber.substring(0, 5) + "-" + subscriber.substring(5);
        case 1 -> "0" + area + " " + subscriber.substring(0, 5) + " " + subscriber.substring(5);
        case 2 -> "55 " + area + " " + subscriber;
        default -> "+55" + area + subscriber;
      };
      shoppers.add(new Shopper(String.format("shopper_%05d", i), phone));
    }
    return List.copyOf(shoppers);
  }
}
