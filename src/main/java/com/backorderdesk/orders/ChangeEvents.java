package com.backorderdesk.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.backorderdesk.timeline.NewOrderEvent;

/**
 * Turns re-planned lines into one timeline event per affected order.
 */
final class ChangeEvents {

	/** A line gained stock or changed status: "ready to ship", "now out of stock". */
	static final String STATUS_CHANGED = "STATUS_CHANGED";

	/** Only the delivery window moved. */
	static final String ETA_CHANGED = "ETA_CHANGED";

	private ChangeEvents() {
	}

	/**
	 * Builds events for the orders whose lines changed visibly.
	 * @param changes the re-planned lines
	 * @param reason what caused the change ({@code STOCK_UPDATED},
	 * {@code RESTOCK_UPDATED}, ...)
	 * @param actor who caused it
	 * @param skip orders that get an event of their own (a newly placed order)
	 * @return the events, in order id order
	 */
	static List<NewOrderEvent> of(List<LineChange> changes, String reason, String actor, Set<Long> skip) {
		Map<Long, List<LineChange>> byOrder = new LinkedHashMap<>();
		changes.stream()
			.filter(LineChange::visible)
			.filter((change) -> !skip.contains(change.orderId()))
			.sorted((a, b) -> Long.compare(a.orderId(), b.orderId()))
			.forEach((change) -> byOrder.computeIfAbsent(change.orderId(), (id) -> new ArrayList<>()).add(change));
		List<NewOrderEvent> events = new ArrayList<>(byOrder.size());
		byOrder.forEach((orderId, lines) -> {
			String type = lines.stream().anyMatch(LineChange::statusChanged) ? STATUS_CHANGED : ETA_CHANGED;
			List<Map<String, Object>> payloadLines = lines.stream()
				.map((change) -> Map.<String, Object>of("lineId", change.lineId(), "sku", change.sku(), "before",
						change.before(), "after", change.after()))
				.toList();
			events.add(new NewOrderEvent(orderId, type, Map.of("reason", reason, "lines", payloadLines), actor));
		});
		return events;
	}

}
