package com.backorderdesk.staff.substitutions;

import com.backorderdesk.staff.OfferRow;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The substitution workbench.
 *
 * @param sku the only SKU shown, or {@code null} for the whole queue
 * @param thresholdDays lines whose window ends later than this many days out are queued
 * @param priceBandPercent how far a candidate's price may be from the original's
 * @param skus the queued SKUs, each with its lines, candidates and offer form
 * @param offers the newest offers and what became of them
 */
record WorkbenchView(@Nullable String sku, int thresholdDays, int priceBandPercent, List<Sku> skus,
		List<OfferRow> offers) {

	/**
	 * A SKU customers wait for.
	 *
	 * @param sku the SKU
	 * @param name the product's name
	 * @param category its category
	 * @param price its price
	 * @param units units waiting
	 * @param orders orders waiting
	 * @param undatedUnits units without any date
	 * @param oldestDays days the longest-waiting order has waited
	 * @param openOffers offers not answered yet
	 * @param lines the waiting lines
	 * @param candidates ranked substitutes, best first
	 * @param form the offer form's values and errors
	 */
	record Sku(String sku, String name, String category, String price, int units, int orders, int undatedUnits,
			long oldestDays, int openOffers, List<Line> lines, List<Candidate> candidates, Form form) {
	}

	/**
	 * A waiting line.
	 *
	 * @param lineId the line
	 * @param orderNumber its order
	 * @param customerEmail the customer's e-mail address
	 * @param waiting units waiting
	 * @param undated units without a date
	 * @param eta the end of its window, or empty
	 * @param waitingDays days since the order was placed
	 * @param openOffers offers not answered yet
	 */
	record Line(long lineId, String orderNumber, String customerEmail, int waiting, int undated, String eta,
			long waitingDays, int openOffers) {
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
	 */
	record Candidate(int rank, String sku, String name, String price, String perUnitDifference, int free,
			String reason) {
	}

	/**
	 * The offer form of one SKU, as submitted when it needs correcting.
	 *
	 * @param substitute the chosen candidate's SKU
	 * @param target {@code all} or a line id
	 * @param priceDifference the price difference per unit as typed, empty to compute it
	 * @param note the note for the customer
	 * @param days how many days the offer stands
	 * @param errors messages by field
	 */
	record Form(String substitute, String target, String priceDifference, String note, String days,
			Map<String, String> errors) {
	}

}
