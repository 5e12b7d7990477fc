package com.backorderdesk.substitution;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.backorderdesk.catalog.Product;

/**
 * Ranks substitutes for a product: only products of the same category, in the same
 * currency, with enough free stock and a price within the band qualify; those sharing the
 * most attributes with the original come first, then the closest in price, then the one
 * with the most stock. Pure logic, no I/O.
 */
public final class SubstituteRanking {

	private static final BigInteger HUNDRED = BigInteger.valueOf(100);

	private static final Comparator<RankedCandidate> ORDER = Comparator
		.comparingInt(RankedCandidate::matchingAttributes)
		.reversed()
		.thenComparingLong((candidate) -> Math.abs(candidate.priceDifferencePerUnitCents()))
		.thenComparing(Comparator.comparingInt(RankedCandidate::free).reversed())
		.thenComparing((candidate) -> candidate.product().sku());

	private SubstituteRanking() {
	}

	/**
	 * Ranks the candidates for an original product.
	 * @param original the product customers wait for
	 * @param needed units the substitute must have free
	 * @param candidates products with their free units (on hand minus allocated)
	 * @param priceBandPercent how far the price may be from the original's, in percent
	 * @return the qualifying candidates, best first
	 */
	public static List<RankedCandidate> rank(Product original, int needed, Map<Product, Integer> candidates,
			int priceBandPercent) {
		return candidates.entrySet()
			.stream()
			.filter((candidate) -> qualifies(original, needed, candidate.getKey(), candidate.getValue(),
					priceBandPercent))
			.map((candidate) -> ranked(original, candidate.getKey(), candidate.getValue()))
			.sorted(ORDER)
			.toList();
	}

	static boolean qualifies(Product original, int needed, Product candidate, int free, int priceBandPercent) {
		if (candidate.sku().equals(original.sku()) || !candidate.category().equals(original.category())
				|| !candidate.currency().equals(original.currency()) || free < needed) {
			return false;
		}
		// prices are never negative, so the difference cannot overflow; its product with
		// 100 can, for prices stored before they had bounds
		long difference = Math.abs(candidate.priceCents() - original.priceCents());
		return BigInteger.valueOf(difference)
			.multiply(HUNDRED)
			.compareTo(BigInteger.valueOf(priceBandPercent).multiply(BigInteger.valueOf(original.priceCents()))) <= 0;
	}

	private static RankedCandidate ranked(Product original, Product candidate, int free) {
		int matching = (int) original.attributes()
			.entrySet()
			.stream()
			.filter((attribute) -> attribute.getValue().equals(candidate.attributes().get(attribute.getKey())))
			.count();
		long difference = candidate.priceCents() - original.priceCents();
		// a qualifying candidate is within the band, so its percentage fits an int
		int percent = (original.priceCents() == 0) ? 0 : (int) Math.max(Integer.MIN_VALUE,
				Math.min(Integer.MAX_VALUE, Math.round(difference * 100.0 / original.priceCents())));
		return new RankedCandidate(candidate, free, matching, original.attributes().size(), difference, percent);
	}

	/**
	 * A product that could stand in for the original, and why.
	 *
	 * @param product the candidate
	 * @param free units on hand that no line holds
	 * @param matchingAttributes attributes of the original it has with the same value
	 * @param comparedAttributes attributes the original has
	 * @param priceDifferencePerUnitCents its price minus the original's
	 * @param pricePercent the same in percent of the original's price, rounded
	 */
	public record RankedCandidate(Product product, int free, int matchingAttributes, int comparedAttributes,
			long priceDifferencePerUnitCents, int pricePercent) {
	}

}
