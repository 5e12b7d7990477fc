package com.backorderdesk.staff.substitutions;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The offer form as sent: which substitute, to whom, at what price difference, for how
 * long, with what note. Nothing is chosen for the rep: the target has no default, and a
 * new offer starts from an empty form.
 *
 * @param substitute the substitute's SKU
 * @param target {@value #QUEUE} for every waiting order its free units serve, in queue
 * order, or one line's id; empty until chosen
 * @param priceDifference the price difference per unit as typed, empty to compute it
 * @param days how many days the offer stands, as typed
 * @param note the note for the customer
 */
record OfferForm(String substitute, String target, String priceDifference, String days, String note) {

	/** The target that offers to the front of the queue. */
	static final String QUEUE = "queue";

	static OfferForm of(MultiValueMap<String, String> values) {
		return new OfferForm(field(values, "substitute"), field(values, "target"), field(values, "priceDifference"),
				field(values, "days"), field(values, "note"));
	}

	/**
	 * A blank form for a substitute, with the shop's usual number of days.
	 */
	static OfferForm blank(String substitute, int days) {
		return new OfferForm(substitute, "", "", Integer.toString(days), "");
	}

	private static String field(MultiValueMap<String, String> values, String name) {
		String value = values.getFirst(name);
		return (value != null) ? value.strip() : "";
	}

	/** Whether the offer goes to the front of the queue rather than one order. */
	boolean toQueue() {
		return QUEUE.equals(this.target);
	}

	/**
	 * The line the offer goes to, when it goes to one.
	 * @return the line's id, or {@code null}
	 */
	@Nullable Long lineId() {
		return this.target.matches("\\d{1,18}") ? Long.valueOf(this.target) : null;
	}

	/**
	 * Checks the fields that need no database.
	 * @return a message code by field for each problem; empty when the form can be
	 * reviewed
	 */
	Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		if (this.substitute.isEmpty()) {
			problems.put("substitute", "staff.substitutions.error.substitute");
		}
		if (!toQueue() && lineId() == null) {
			problems.put("target", "staff.substitutions.error.target");
		}
		if (openDays() == null) {
			problems.put("days", "staff.substitutions.error.days");
		}
		if (perUnitCents() == null) {
			problems.put("priceDifference", "staff.substitutions.error.priceDifference");
		}
		return problems;
	}

	/**
	 * The days the offer stays open, within the service's bound so that the page says so
	 * together with any other field's problem.
	 * @return the days, or {@code null} when they are not a whole number in the bound
	 */
	@Nullable Integer openDays() {
		if (!this.days.matches("\\d{1,3}")) {
			return null;
		}
		int value = Integer.parseInt(this.days);
		return (value >= 1 && value <= SubstitutionService.MAX_OPEN_DAYS) ? value : null;
	}

	/**
	 * The price difference per unit typed in the currency's main unit.
	 * @return the cents, empty when nothing was typed, {@code null} when it is not an
	 * amount
	 */
	@Nullable Optional<Long> perUnitCents() {
		if (this.priceDifference.isEmpty()) {
			return Optional.empty();
		}
		String normalized = this.priceDifference.replace(",", ".").replace("−", "-").replace(" ", "");
		// the service bounds the amount; the digits only have to fit the cents in a long
		if (!normalized.matches("[+-]?\\d{1,12}(\\.\\d{1,2})?")) {
			return null;
		}
		return Optional.of(new BigDecimal(normalized).movePointRight(2).longValueExact());
	}

	/**
	 * The offer page with this form filled in, for going back from the review to change
	 * it.
	 * @param sku the SKU the orders wait for
	 * @return the page's address
	 */
	String changeUrl(String sku) {
		return UriComponentsBuilder.fromPath("/staff/substitutions/{sku}/offer")
			.queryParam("substitute", "{substitute}")
			.queryParam("target", "{target}")
			.queryParam("priceDifference", "{price}")
			.queryParam("days", "{days}")
			.queryParam("note", "{note}")
			.encode()
			.buildAndExpand(Map.of("sku", sku, "substitute", this.substitute, "target", this.target, "price",
					this.priceDifference, "days", this.days, "note", this.note))
			.toUriString();
	}

}
