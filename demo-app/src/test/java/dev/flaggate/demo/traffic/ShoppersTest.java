package dev.flaggate.demo.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShoppersTest {

  @Test
  void population_seedIdsFirst_uniqueAndDeterministic() {
    List<Shopper> shoppers = Shoppers.population(3000);
    assertEquals(3000, shoppers.size());
    assertEquals(List.of("shopper_test_001", "shopper_001", "shopper_002", "shopper_003", "shopper_problematico"),
        shoppers.subList(0, 5).stream().map(Shopper::id).toList());
    Set<String> ids = new HashSet<>();
    shoppers.forEach(shopper -> assertTrue(ids.add(shopper.id()), shopper.id()));
    assertEquals(shoppers, Shoppers.population(3000));
  }

  @Test
  void stream_everyShopperWritesOncePerRound() {
    MessageStream stream = new MessageStream(Shoppers.population(100));
    Set<String> writers = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      writers.add(stream.next().shopperId());
    }
    assertEquals(100, writers.size());
  }
}
