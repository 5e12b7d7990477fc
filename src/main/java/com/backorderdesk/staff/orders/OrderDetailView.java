package com.backorderdesk.staff.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.staff.OfferRow;
import com.backorderdesk.customer.OrderTimeline;

/**
 * An order as a rep sees it: every line's quantities and window, the offers made, the
 * timeline exactly as the customer reads it, and the internal notes.
 *
 * @param id the order's id
 * @param number the shop's order number
 * @param customerName the customer's name
 * @param customerEmail the customer's e-mail address
 * @param placedAt when it was placed
 * @param shipPreference how the customer wants it shipped, as the enum name
 * @param emailPreference which e-mails the customer wants, as the enum name
 * @param lines the lines, in order
 * @param offers substitutes offered, newest first
 * @param timeline what happened, newest first, in the customer's words: the latest only
 * @param earlierEntries whether the timeline has older entries
 * @param lastEventId the newest event shown, where live updates continue
 * @param notes internal notes, oldest first
 * @param questions delay notices the customer can still answer, by line
 */
record OrderDetailView(long id, String number, String customerName, String customerEmail, String placedAt,
		String shipPreference, String emailPreference, List<Line> lines, List<OfferRow> offers,
		List<OrderTimeline.Entry> timeline, boolean earlierEntries, long lastEventId, List<Note> notes,
		List<Question> questions) {

	/**
	 * The lines a rep can cancel units of for the customer.
	 * @return the lines that wait
	 */
	public List<Line> waitingLines() {
		return this.lines.stream().filter((line) -> line.waiting() > 0).toList();
	}

	/**
	 * The offers the customer, or a rep for them, can still answer.
	 * @return the open offers, newest first
	 */
	public List<OfferRow> openOffers() {
		return this.offers.stream().filter(OfferRow::open).toList();
	}

	/**
	 * Finds a line of the order.
	 * @param lineId the line's id
	 * @return the line, or {@code null} when the order has none with that id
	 */
	public @Nullable Line line(long lineId) {
		return this.lines.stream().filter((line) -> line.id() == lineId).findFirst().orElse(null);
	}

	/**
	 * One line.
	 *
	 * @param id the line's id
	 * @param lineNo its position
	 * @param sku the SKU
	 * @param productName the product's name
	 * @param quantity units ordered
	 * @param status the status's enum name
	 * @param kind the badge style
	 * @param allocated units allocated from stock
	 * @param scheduled units on a restock
	 * @param unscheduled units without a date
	 * @param shipped units shipped
	 * @param cancelled units cancelled
	 * @param eta the scheduled units' window, or empty
	 * @param previousEta the window before the last change, or empty
	 * @param etaChangedAt when the window last changed, or empty
	 */
	record Line(long id, int lineNo, String sku, String productName, int quantity, String status, String kind,
			int allocated, int scheduled, int unscheduled, int shipped, int cancelled, String eta, String previousEta,
			String etaChangedAt, int queuePosition, int queueLength) {

		/** Units the customer waits for: scheduled and without a date. */
		public int waiting() {
			return this.scheduled + this.unscheduled;
		}

		/**
		 * Whether the line waits in its SKU's queue.
		 * @return whether it has a position
		 */
		public boolean queued() {
			return this.queuePosition > 0;
		}

	}

	/**
	 * A delay notice the customer can still answer: keep waiting, or cancel.
	 *
	 * @param lineId the delayed line
	 * @param product the line's product name
	 * @param answerBy until when the customer must answer, or empty when silence counts
	 * as waiting
	 */
	record Question(long lineId, String product, String answerBy) {
	}

	/**
	 * An internal note.
	 *
	 * @param author who wrote it
	 * @param createdAt when
	 * @param body what it says
	 */
	record Note(String author, String createdAt, String body) {
	}

}
