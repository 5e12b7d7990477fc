package com.backorderdesk.notification;

import java.util.List;
import java.util.Map;

import com.backorderdesk.integration.RefundView;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.timeline.OrderEvent;

/**
 * Everything an order's next e-mail is composed from, read when it is sent: the order as
 * it is now, what its customer was last told, what happened since (for the reasons), and
 * the questions and offers still open.
 *
 * @param order the order now
 * @param told what the customer was last told
 * @param events the order's events after the last one an e-mail took into account, in id
 * order
 * @param questions delay notices the customer can still answer
 * @param offers open substitute offers, available or not
 * @param notes the planner's latest explanation of each waiting line's date, by line id
 * @param refunds the order's refunds, due or paid
 */
record OrderNews(OrderView order, Told told, List<OrderEvent> events, List<DelayQuestion> questions,
		List<OfferView> offers, Map<Long, String> notes, List<RefundView> refunds) {

	OrderNews {
		events = List.copyOf(events);
		questions = List.copyOf(questions);
		offers = List.copyOf(offers);
		notes = Map.copyOf(notes);
		refunds = List.copyOf(refunds);
	}

	/**
	 * The newest event taken into account.
	 * @return its id, or what was told before when nothing happened since
	 */
	long lastEventId() {
		return this.events.isEmpty() ? this.told.lastEventId() : this.events.get(this.events.size() - 1).id();
	}

}
