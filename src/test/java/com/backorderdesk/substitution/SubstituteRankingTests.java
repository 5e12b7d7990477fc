package com.backorderdesk.substitution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.backorderdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The ranking of substitutes, without a database.
 */
class SubstituteRankingTests {

	private static final Product KETTLE = new Product("KETTLE", "Retro kettle", "Kettles",
			Map.of("colour", "red", "capacity", "1.7l", "material", "steel", "plug", "EU"), 10_000, "EUR");

	@Test
	void whenCandidatesShareAttributesThenTheOneSharingMostComesFirst() {
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(product("ONE", 10_000, Map.of("colour", "red")), 10);
		candidates.put(product("THREE", 9_500, Map.of("colour", "red", "capacity", "1.7l", "plug", "EU")), 12);
		candidates.put(product("TWO", 10_000, Map.of("colour", "red", "capacity", "1.7l", "plug", "UK")), 10);
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(KETTLE, List.of(2), candidates, 20);
		assertThat(ranked).extracting((candidate) -> candidate.product().sku()).containsExactly("THREE", "TWO", "ONE");
		SubstituteRanking.RankedCandidate best = ranked.get(0);
		assertThat(best.matchingAttributes()).isEqualTo(3);
		assertThat(best.comparedAttributes()).isEqualTo(4);
		assertThat(best.type()).isEqualTo(SubstituteRanking.TypeMatch.NOT_GIVEN);
		assertThat(best.pricePercent()).isEqualTo(-5);
		assertThat(best.priceDifferencePerUnitCents()).isEqualTo(-500);
		assertThat(best.free()).isEqualTo(12);
	}

	@Test
	void whenAttributesTieThenTheCloserPriceAndThenMoreStockWin() {
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(product("FAR", 11_500, Map.of()), 50);
		candidates.put(product("NEAR-FEW", 10_100, Map.of()), 3);
		candidates.put(product("NEAR-MANY", 9_900, Map.of()), 30);
		assertThat(SubstituteRanking.rank(KETTLE, List.of(1), candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactly("NEAR-MANY", "NEAR-FEW", "FAR");
	}

	@Test
	void whenCandidateIsOutsideTheRulesThenItIsLeftOut() {
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(product("TOO-DEAR", 12_001, Map.of()), 10);
		candidates.put(product("TOO-CHEAP", 7_999, Map.of()), 10);
		candidates.put(product("EDGE-DEAR", 12_000, Map.of()), 10);
		candidates.put(product("EDGE-CHEAP", 8_000, Map.of()), 10);
		candidates.put(product("TOO-FEW", 10_000, Map.of()), 1);
		candidates.put(new Product("OTHER-CATEGORY", "Toaster", "Toasters", Map.of(), 10_000, "EUR"), 10);
		candidates.put(new Product("OTHER-CURRENCY", "Kettle", "Kettles", Map.of(), 10_000, "GBP"), 10);
		candidates.put(KETTLE, 10);
		assertThat(SubstituteRanking.rank(KETTLE, List.of(2), candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactlyInAnyOrder("EDGE-DEAR", "EDGE-CHEAP");
	}

	@Test
	void whenOriginalHasNoAttributesOrNoPriceThenRankingStillWorks() {
		Product free = new Product("FREE", "Sample", "Kettles", Map.of(), 0, "EUR");
		Map<Product, Integer> candidates = Map.of(
				new Product("ALSO-FREE", "Sample 2", "Kettles", Map.of("a", "b"), 0, "EUR"), 5,
				new Product("PRICED", "Kettle", "Kettles", Map.of(), 100, "EUR"), 5);
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(free, List.of(1), candidates, 20);
		assertThat(ranked).singleElement().satisfies((candidate) -> {
			assertThat(candidate.product().sku()).isEqualTo("ALSO-FREE");
			assertThat(candidate.comparedAttributes()).isZero();
			assertThat(candidate.pricePercent()).isZero();
		});
	}

	@Test
	void whenPricesAreNearTheLimitOfALongThenTheBandIsJudgedWithoutOverflow() {
		// prices stored before they had bounds: 100 times them does not fit a long
		Product dear = new Product("DEAR", "Gold kettle", "Kettles", Map.of(), 90_000_000_000_000_000L, "EUR");
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(product("CHEAP", 10_000, Map.of()), 5);
		candidates.put(product("DEARER", 99_000_000_000_000_000L, Map.of()), 5);
		candidates.put(product("CLOSE", 89_000_000_000_000_000L, Map.of()), 5);
		assertThat(SubstituteRanking.rank(dear, List.of(1), candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactly("CLOSE", "DEARER");
		assertThat(SubstituteRanking.rank(KETTLE, List.of(1), candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactly("CHEAP");
		assertThat(SubstituteRanking.rank(dear, List.of(1), candidates, 20).get(0).pricePercent()).isEqualTo(-1);
	}

	@Test
	void whenTheOriginalHasATypeThenTheSameTypeComesFirstHoweverAlikeTheOthersAre() {
		Product rug = new Product("RUG", "Wool rug", "Home textiles",
				Map.of("type", "rug", "colour", "grey", "material", "wool"), 20_000, "EUR");
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(new Product("CURTAIN", "Grey curtain", "Home textiles",
				Map.of("type", "curtain", "colour", "grey", "material", "wool"), 20_000, "EUR"), 10);
		candidates.put(new Product("LINEN", "Bed linen", "Home textiles",
				Map.of("type", "Bed linen", "colour", "grey", "material", "wool"), 20_000, "EUR"), 10);
		candidates.put(new Product("UNTYPED", "Grey thing", "Home textiles",
				Map.of("colour", "grey", "material", "wool"), 20_000, "EUR"), 10);
		candidates.put(new Product("OTHER-RUG", "Jute rug", "Home textiles",
				Map.of("type", "Rug ", "colour", "beige", "material", "jute"), 17_000, "EUR"), 10);
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(rug, List.of(1), candidates, 20);
		assertThat(ranked).extracting((candidate) -> candidate.product().sku())
			.containsExactly("OTHER-RUG", "UNTYPED", "CURTAIN", "LINEN");
		assertThat(ranked).extracting(SubstituteRanking.RankedCandidate::type)
			.containsExactly(SubstituteRanking.TypeMatch.SAME, SubstituteRanking.TypeMatch.UNKNOWN,
					SubstituteRanking.TypeMatch.OTHER, SubstituteRanking.TypeMatch.OTHER);
		// the type is not one of the attributes that are counted
		assertThat(ranked.get(0).comparedAttributes()).isEqualTo(2);
		assertThat(ranked.get(0).matchingAttributes()).isZero();
		assertThat(ranked.get(2).matchingAttributes()).isEqualTo(2);
		assertThat(ranked.get(2).candidateType()).isEqualTo("curtain");
	}

	@Test
	void whenFreeUnitsServeOnlyTheFrontOfTheQueueThenTheCandidateIsPartialAndSaysHowMany() {
		Map<Product, Integer> candidates = new LinkedHashMap<>();
		candidates.put(product("ALL", 10_000, Map.of()), 10);
		candidates.put(product("FRONT", 10_000, Map.of()), 5);
		candidates.put(product("NONE", 10_000, Map.of()), 1);
		// three orders waiting 2, 3 and 4 units, in queue order
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(KETTLE, List.of(2, 3, 4), candidates,
				20);
		assertThat(ranked)
			.extracting((candidate) -> candidate.product().sku(), SubstituteRanking.RankedCandidate::servedOrders,
					SubstituteRanking.RankedCandidate::partial)
			.containsExactly(tuple("ALL", 3, false), tuple("FRONT", 2, true));
		assertThat(ranked.get(1).waitingOrders()).isEqualTo(3);
		// a later, smaller order is not served before an earlier one
		assertThat(SubstituteRanking.rank(KETTLE, List.of(2, 4, 1), Map.of(product("FIVE", 10_000, Map.of()), 5), 20))
			.singleElement()
			.satisfies((candidate) -> assertThat(candidate.servedOrders()).isEqualTo(1));
		assertThat(SubstituteRanking.rank(KETTLE, List.of(), candidates, 20)).isEmpty();
	}

	private static Product product(String sku, long priceCents, Map<String, String> attributes) {
		return new Product(sku, "Kettle " + sku, "Kettles", attributes, priceCents, "EUR");
	}

}
