package com.backorderdesk.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.timeline.NewOrderEvent;

/**
 * Turns re-planned lines into one {@link LinesReplanned} event per affected order.
 */
final class ChangeEvents {

	private ChangeEvents() {
	}

	/**
	 * Builds events for the orders whose lines changed visibly.
	 * @param changes the re-planned lines
	 * @param reason what caused the change
	 * @param note the planner's explanation, if any
	 * @param actor who caused it
	 * @param skip lines that get an event of their own (a new order's lines, a cancelled
	 * line)
	 * @return the events, in order id order
	 */
	static List<NewOrderEvent> of(List<LineChange> changes, ReplanReason reason, @Nullable String note, String actor,
			Set<Long> skip) {
		Map<Long, List<LineMove>> byOrder = new LinkedHashMap<>();
		changes.stream()
			.filter(LineChange::visible)
			.filter((change) -> !skip.contains(change.lineId()))
			.sorted((a, b) -> Long.compare(a.orderId(), b.orderId()))
			.forEach((change) -> byOrder.computeIfAbsent(change.orderId(), (id) -> new ArrayList<>())
				.add(new LineMove(change.lineId(), change.sku(), change.before(), change.after())));
		List<NewOrderEvent> events = new ArrayList<>(byOrder.size());
		byOrder.forEach((orderId, lines) -> events
			.add(new NewOrderEvent(orderId, new LinesReplanned(reason, lines, note), actor)));
		return events;
	}

}
