package com.backorderdesk.customer;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads an order's timeline for its status page.
 */
@Component
class OrderHistory {

	/** Enough for any real order; a runaway timeline must not make the page huge. */
	private static final int LIMIT = 200;

	private final DatabaseClient db;

	OrderHistory(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Returns the order's events, newest first.
	 * @param orderId the order
	 * @return the events
	 */
	Mono<List<HistoryEvent>> history(long orderId) {
		return this.db.sql("""
				select id, type, payload::text as payload, occurred_at from order_event
				where order_id = :orderId order by id desc limit :limit
				""")
			.bind("orderId", orderId)
			.bind("limit", LIMIT)
			.map((row) -> new HistoryEvent(row.get("id", Long.class), row.get("type", String.class),
					row.get("payload", String.class), row.get("occurred_at", Instant.class)))
			.all()
			.collectList();
	}

	/**
	 * One event of an order's timeline.
	 *
	 * @param id the event's id, increasing over all orders
	 * @param type what happened
	 * @param payload the details, as JSON
	 * @param occurredAt when
	 */
	record HistoryEvent(long id, String type, String payload, Instant occurredAt) {
	}

}
