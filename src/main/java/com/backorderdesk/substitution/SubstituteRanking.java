package com.backorderdesk.substitution;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.catalog.Product;

/**
 * Ranks substitutes for a product the way a customer judges them: what kind of thing it
 * is first, then how alike it is, then what it costs. Only products of the same category,
 * in the same currency, priced within the band, that have free units for at least the
 * first waiting order qualify. Among those:
 * <ol>
 * <li>the same type: when the original has a {@value #TYPE} attribute, candidates of that
 * type come first, then those that do not say, then those of another type (a curtain is
 * no substitute for a rug, however alike the rest);</li>
 * <li>the most other attributes shared with the original;</li>
 * <li>the closest price;</li>
 * <li>the most waiting orders served, then the most free units.</li>
 * </ol>
 * A candidate whose free units cannot serve every waiting order is a partial substitute:
 * it serves the first orders of the queue, in queue order, as far as its units go, which
 * is what {@link SubstitutionService#offerToAll} offers. Pure logic, no I/O.
 */
public final class SubstituteRanking {

	/** The attribute that says what kind of product it is ("rug", "curtain"). */
	public static final String TYPE = "type";

	private static final BigInteger HUNDRED = BigInteger.valueOf(100);

	private static final Comparator<RankedCandidate> ORDER = Comparator
		.comparing(RankedCandidate::type, Comparator.comparingInt(TypeMatch::rank))
		.thenComparing(Comparator.comparingInt(RankedCandidate::matchingAttributes).reversed())
		.thenComparingLong((candidate) -> Math.abs(candidate.priceDifferencePerUnitCents()))
		.thenComparing(Comparator.comparingInt(RankedCandidate::servedOrders).reversed())
		.thenComparing(Comparator.comparingInt(RankedCandidate::free).reversed())
		.thenComparing((candidate) -> candidate.product().sku());

	private SubstituteRanking() {
	}

	/**
	 * Ranks the candidates for an original product.
	 * @param original the product customers wait for
	 * @param queue the units each waiting line waits for, in queue order (priority, then
	 * the order's time)
	 * @param candidates products with their free units (on hand minus allocated)
	 * @param priceBandPercent how far the price may be from the original's, in percent
	 * @return the qualifying candidates, best first
	 */
	public static List<RankedCandidate> rank(Product original, List<Integer> queue, Map<Product, Integer> candidates,
			int priceBandPercent) {
		if (queue.isEmpty()) {
			return List.of();
		}
		return candidates.entrySet()
			.stream()
			.filter((candidate) -> qualifies(original, queue.get(0), candidate.getKey(), candidate.getValue(),
					priceBandPercent))
			.map((candidate) -> ranked(original, queue, candidate.getKey(), candidate.getValue()))
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

	private static RankedCandidate ranked(Product original, List<Integer> queue, Product candidate, int free) {
		int matching = (int) original.attributes()
			.entrySet()
			.stream()
			.filter((attribute) -> !TYPE.equals(attribute.getKey()))
			.filter((attribute) -> attribute.getValue().equals(candidate.attributes().get(attribute.getKey())))
			.count();
		int compared = (int) original.attributes().keySet().stream().filter((name) -> !TYPE.equals(name)).count();
		long difference = candidate.priceCents() - original.priceCents();
		// a qualifying candidate is within the band, so its percentage fits an int
		int percent = (original.priceCents() == 0) ? 0 : (int) Math.max(Integer.MIN_VALUE,
				Math.min(Integer.MAX_VALUE, Math.round(difference * 100.0 / original.priceCents())));
		int served = 0;
		long units = 0;
		for (int waiting : queue) {
			if (units + waiting > free) {
				break;
			}
			units += waiting;
			served++;
		}
		return new RankedCandidate(candidate, free, typeMatch(original, candidate), candidate.attributes().get(TYPE),
				matching, compared, difference, percent, served, queue.size());
	}

	private static TypeMatch typeMatch(Product original, Product candidate) {
		String wanted = original.attributes().get(TYPE);
		if (wanted == null || wanted.isBlank()) {
			return TypeMatch.NOT_GIVEN;
		}
		String type = candidate.attributes().get(TYPE);
		if (type == null || type.isBlank()) {
			return TypeMatch.UNKNOWN;
		}
		return wanted.strip().toLowerCase(Locale.ROOT).equals(type.strip().toLowerCase(Locale.ROOT)) ? TypeMatch.SAME
				: TypeMatch.OTHER;
	}

	/**
	 * How a candidate's type compares with the original's.
	 */
	public enum TypeMatch {

		/** Both say they are the same kind of product. */
		SAME(0),

		/**
		 * The original does not say what kind of product it is: the type decides nothing.
		 */
		NOT_GIVEN(0),

		/** The original says, the candidate does not. */
		UNKNOWN(1),

		/** Another kind of product of the same category. */
		OTHER(2);

		private final int rank;

		TypeMatch(int rank) {
			this.rank = rank;
		}

		int rank() {
			return this.rank;
		}

	}

	/**
	 * A product that could stand in for the original, and why.
	 *
	 * @param product the candidate
	 * @param free units on hand that no line holds
	 * @param type how its type compares with the original's
	 * @param candidateType its {@value #TYPE} attribute, if it has one
	 * @param matchingAttributes attributes of the original other than the type it has
	 * with the same value
	 * @param comparedAttributes attributes the original has other than the type
	 * @param priceDifferencePerUnitCents its price minus the original's
	 * @param pricePercent the same in percent of the original's price, rounded
	 * @param servedOrders how many waiting lines, from the front of the queue, its free
	 * units serve in full
	 * @param waitingOrders how many lines wait
	 */
	public record RankedCandidate(Product product, int free, TypeMatch type, @Nullable String candidateType,
			int matchingAttributes, int comparedAttributes, long priceDifferencePerUnitCents, int pricePercent,
			int servedOrders, int waitingOrders) {

		/**
		 * Whether its free units serve only the front of the queue.
		 * @return whether some waiting lines are left out
		 */
		public boolean partial() {
			return this.servedOrders < this.waitingOrders;
		}

	}

}
