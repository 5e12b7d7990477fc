package com.backorderdesk.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order's status page, with every text already in the customer's words.
 *
 * @param orderId the order's id
 * @param number the order number
 * @param placed when it was placed, in the shop's zone with the zone
 * @param placedIso when it was placed, ISO-8601 for {@code <time datetime>}
 * @param summary one sentence on where the order stands
 * @param lines the lines, in order
 * @param total what the items not cancelled come to, as the reader writes money
 * @param cancelledNote that cancelled items are not charged, when some were
 * @param timeline what happened, newest first: the latest entries only
 * @param earlierEntries whether the timeline has older entries, shown on the history page
 * @param lastEventId the newest event shown, where live updates continue
 * @param offers open substitute offers
 * @param shipPreference the order's ship preference, as its enum name
 * @param emailPreference the order's e-mail preference, as its enum name
 * @param shipments what left the warehouse, oldest first
 */
record OrderPageView(long orderId, String number, String placed, String placedIso, String summary, List<Line> lines,
		String total, @Nullable String cancelledNote, List<OrderTimeline.Entry> timeline, boolean earlierEntries,
		long lastEventId, List<Offer> offers, String shipPreference, String emailPreference, List<Shipment> shipments) {

	/**
	 * A shipment on its way or delivered.
	 *
	 * @param id the shop's name for it, for the element id
	 * @param shipped when it left, in a sentence
	 * @param items what it holds, one sentence an item
	 * @param tracking the carrier and tracking number, in a sentence, if known
	 * @param trackingUrl where to follow it (an http(s) address), if known
	 */
	record Shipment(String id, String shipped, List<String> items, @Nullable String tracking,
			@Nullable String trackingUrl) {
	}

	/**
	 * The line with this id, if the order has it.
	 * @param lineId the line's id
	 * @return the line, or {@code null}
	 */
	@Nullable Line line(long lineId) {
		return this.lines.stream().filter((line) -> line.id() == lineId).findFirst().orElse(null);
	}

	/**
	 * The open offer with this id, if the order has it.
	 * @param offerId the offer's id
	 * @return the offer, or {@code null}
	 */
	@Nullable Offer offer(long offerId) {
		return this.offers.stream().filter((offer) -> offer.id() == offerId).findFirst().orElse(null);
	}

	/**
	 * A substitute offered for a waiting line.
	 *
	 * @param id the offer's id
	 * @param lineId the line it replaces
	 * @param text what is offered, in a sentence
	 * @param price what it does to the price
	 * @param expires until when the offer stands
	 * @param note the shop's note, if any
	 * @param available whether the substitute can still be had; an unavailable offer
	 * shows no Accept button
	 * @param substituteName the substitute's name
	 * @param quantity units of the substitute
	 */
	record Offer(long id, long lineId, String text, String price, String expires, @Nullable String note,
			boolean available, String substituteName, int quantity) {
	}

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
	 * @param waiting units that wait and can still be cancelled
	 * @param offered whether a substitute is offered for this line
	 * @param delay what a delay notice about this line asks, when one is open
	 * @param price "2 × €19.99"
	 * @param amount what the units not cancelled cost
	 * @param cancelled units cancelled, which are not charged
	 * @param refund what is refunded for its cancelled units ("€42.00 will be
	 * refunded."), when anything is
	 */
	record Line(long id, String productName, int quantity, String badge, String kind, String detail,
			@Nullable String change, int waiting, boolean offered, @Nullable String delay, String price, String amount,
			int cancelled, @Nullable String refund) {
	}

}
