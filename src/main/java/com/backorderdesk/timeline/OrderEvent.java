package com.backorderdesk.timeline;

import java.time.Instant;

import io.r2dbc.spi.Readable;

/**
 * One entry of an order's timeline, as stored.
 *
 * @param id the event id, increasing in the order events were appended; browsers send the
 * last one they saw as {@code Last-Event-ID}
 * @param orderId the order
 * @param type what happened ({@code ORDER_PLACED}, {@code ETA_CHANGED}, ...)
 * @param payload the details, as JSON text
 * @param occurredAt when it was appended
 * @param actor who caused it
 */
public record OrderEvent(long id, long orderId, String type, String payload, Instant occurredAt, String actor) {

	/** The select list that {@link #of(Readable)} reads. */
	static final String COLUMNS = "id, order_id, type, payload::text as payload, occurred_at, actor";

	static OrderEvent of(Readable row) {
		return new OrderEvent(row.get("id", Long.class), row.get("order_id", Long.class), row.get("type", String.class),
				row.get("payload", String.class), row.get("occurred_at", Instant.class),
				row.get("actor", String.class));
	}

}
