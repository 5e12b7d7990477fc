package com.backorderdesk.notification;

import java.util.Map;
import java.util.Set;

import com.backorderdesk.orders.LineState;

/**
 * What a customer was last told by e-mail about an order.
 *
 * @param orderId the order
 * @param lines by line id: the line's state as the last e-mail that described it said;
 * lines never described are absent (none before the confirmation)
 * @param lastEventId the newest order event an e-mail took into account, 0 before the
 * first
 * @param remindedOffers offers the customer was reminded of before they expire
 */
record Told(long orderId, Map<Long, Line> lines, long lastEventId, Set<Long> remindedOffers) {

	Told {
		lines = Map.copyOf(lines);
		remindedOffers = Set.copyOf(remindedOffers);
	}

	/**
	 * The same without lines or reminders: for an e-mail that was not sent, which still
	 * took the events up to {@link #lastEventId()} into account.
	 */
	Told withoutLines() {
		return new Told(this.orderId, Map.of(), this.lastEventId, Set.of());
	}

	static Told nothing(long orderId) {
		return new Told(orderId, Map.of(), 0, Set.of());
	}

	/**
	 * One line as last told.
	 *
	 * @param state the open quantity's plan
	 * @param shipped units shipped
	 * @param cancelled units cancelled
	 */
	record Line(LineState state, int shipped, int cancelled) {
	}

}
