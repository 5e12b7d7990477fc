package com.backorderdesk.staff.substitutions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.staff.OfferRow;
import com.backorderdesk.staff.Pager;

/**
 * The substitution workbench.
 *
 * @param sku the only SKU shown, or {@code null} for the whole queue
 * @param thresholdDays lines whose window ends later than this many days out are queued
 * @param priceBandPercent how far a candidate's price may be from the original's
 * @param skus the queued SKUs, each with its waiting lines and ranked candidates
 * @param offers the newest offers and what became of them
 * @param pager which page of the queued SKUs this is, with the links to the others
 */
record WorkbenchView(@Nullable String sku, int thresholdDays, int priceBandPercent, List<Sku> skus,
		List<OfferRow> offers, Pager pager) {

	/**
	 * The address of the live updates of this view.
	 * @return the event stream's path, for the same SKU filter and page, so an update
	 * swaps in the SKUs this page shows
	 */
	public String events() {
		return address("/staff/substitutions/events", this.sku, this.pager.page());
	}

	/**
	 * An address of the workbench, written out in full (a live fragment has no request to
	 * build links from).
	 * @param path the page or stream
	 * @param sku the SKU filter, or {@code null}
	 * @param page the page, from 1; the first is left out
	 * @return the path with its query, encoded
	 */
	static String address(String path, @Nullable String sku, int page) {
		StringBuilder address = new StringBuilder(path);
		if (sku != null) {
			address.append("?sku=").append(URLEncoder.encode(sku, StandardCharsets.UTF_8));
		}
		if (page > 1) {
			address.append((sku != null) ? "&page=" : "?page=").append(page);
		}
		return address.toString();
	}

	/**
	 * A SKU customers wait for.
	 *
	 * @param sku the SKU
	 * @param name the product's name
	 * @param category its category
	 * @param type its type attribute, or empty
	 * @param price its price
	 * @param units units waiting
	 * @param orders orders waiting
	 * @param undatedUnits units without any date
	 * @param oldestDays days the longest-waiting order has waited
	 * @param openOffers offers not answered yet that the customers can accept
	 * @param unavailableOffers offers not answered yet whose substitute is no longer
	 * available
	 * @param lines the waiting lines, in queue order
	 * @param candidates ranked substitutes, best first
	 */
	record Sku(String sku, String name, String category, String type, String price, int units, int orders,
			int undatedUnits, long oldestDays, int openOffers, int unavailableOffers, List<Line> lines,
			List<Candidate> candidates) {

		/**
		 * Finds a ranked candidate.
		 * @param sku the candidate's SKU
		 * @return the candidate, or {@code null} when it is not among the ranked ones
		 */
		public @Nullable Candidate candidate(String sku) {
			return this.candidates.stream().filter((candidate) -> candidate.sku().equals(sku)).findFirst().orElse(null);
		}

	}

	/**
	 * A waiting line.
	 *
	 * @param position its place in the queue, from 1
	 * @param lineId the line
	 * @param orderNumber its order
	 * @param customerName the customer's name
	 * @param customerEmail the customer's e-mail address
	 * @param waiting units waiting
	 * @param undated units without a date
	 * @param eta the end of its window, or empty
	 * @param waitingDays days since the order was placed
	 * @param openOffers offers not answered yet that the customer can accept
	 * @param unavailableOffers offers not answered yet whose substitute is no longer
	 * available
	 */
	record Line(int position, long lineId, String orderNumber, String customerName, String customerEmail, int waiting,
			int undated, String eta, long waitingDays, int openOffers, int unavailableOffers) {
	}

	/**
	 * A ranked substitute.
	 *
	 * @param rank its place, from 1
	 * @param sku its SKU
	 * @param name its name
	 * @param price its price
	 * @param perUnitDifference its price minus the original's, with the sign
	 * @param free units free to offer
	 * @param reason why it is proposed, in words
	 * @param serves whom its free units serve, in words
	 * @param servedOrders how many waiting orders, from the front of the queue
	 * @param partial whether some waiting orders are left out
	 */
	record Candidate(int rank, String sku, String name, String price, String perUnitDifference, int free, String reason,
			String serves, int servedOrders, boolean partial) {
	}

}
