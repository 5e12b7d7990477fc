package com.backorderdesk.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order's status page, with every text already in the customer's words.
 *
 * @param orderId the order's id
 * @param number the order number
 * @param summary one sentence on where the order stands
 * @param lines the lines, in order
 * @param timeline what happened, newest first
 * @param lastEventId the newest event shown, where live updates continue
 */
record OrderPageView(long orderId, String number, String summary, List<Line> lines, List<TimelineEntry> timeline,
		long lastEventId) {

	/**
	 * One line of the order.
	 *
	 * @param id the line's id, for the element id {@code line-<id>}
	 * @param productName the product's name
	 * @param quantity units ordered
	 * @param badge the status in two or three words
	 * @param kind the status's family, for styling only (the text carries the meaning)
	 * @param detail the status in a sentence, with dates and split quantities
	 * @param change how the delivery window changed, when it did
	 */
	record Line(long id, String productName, int quantity, String badge, String kind, String detail,
			@Nullable String change) {
	}

	/**
	 * Something that happened to the order.
	 *
	 * @param id the event's id
	 * @param when when, in the shop's zone
	 * @param whenIso when, as ISO-8601 for {@code <time datetime>}
	 * @param title what happened
	 * @param reason why, when known
	 * @param details what it meant for each line
	 */
	record TimelineEntry(long id, String when, String whenIso, String title, @Nullable String reason,
			List<String> details) {
	}

}
