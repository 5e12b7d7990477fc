package com.backorderdesk.substitution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.backorderdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

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
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(KETTLE, 2, candidates, 20);
		assertThat(ranked).extracting((candidate) -> candidate.product().sku()).containsExactly("THREE", "TWO", "ONE");
		SubstituteRanking.RankedCandidate best = ranked.get(0);
		assertThat(best.matchingAttributes()).isEqualTo(3);
		assertThat(best.comparedAttributes()).isEqualTo(4);
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
		assertThat(SubstituteRanking.rank(KETTLE, 1, candidates, 20))
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
		assertThat(SubstituteRanking.rank(KETTLE, 2, candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactlyInAnyOrder("EDGE-DEAR", "EDGE-CHEAP");
	}

	@Test
	void whenOriginalHasNoAttributesOrNoPriceThenRankingStillWorks() {
		Product free = new Product("FREE", "Sample", "Kettles", Map.of(), 0, "EUR");
		Map<Product, Integer> candidates = Map.of(
				new Product("ALSO-FREE", "Sample 2", "Kettles", Map.of("a", "b"), 0, "EUR"), 5,
				new Product("PRICED", "Kettle", "Kettles", Map.of(), 100, "EUR"), 5);
		List<SubstituteRanking.RankedCandidate> ranked = SubstituteRanking.rank(free, 1, candidates, 20);
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
		assertThat(SubstituteRanking.rank(dear, 1, candidates, 20)).extracting((candidate) -> candidate.product().sku())
			.containsExactly("CLOSE", "DEARER");
		assertThat(SubstituteRanking.rank(KETTLE, 1, candidates, 20))
			.extracting((candidate) -> candidate.product().sku())
			.containsExactly("CHEAP");
		assertThat(SubstituteRanking.rank(dear, 1, candidates, 20).get(0).pricePercent()).isEqualTo(-1);
	}

	private static Product product(String sku, long priceCents, Map<String, String> attributes) {
		return new Product(sku, "Kettle " + sku, "Kettles", attributes, priceCents, "EUR");
	}

}
