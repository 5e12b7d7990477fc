package com.backorderdesk.timeline;

import java.time.Instant;

/**
 * One entry of an order's timeline, as stored.
 *
 * @param id the event id, increasing in the order events were appended; browsers send the
 * last one they saw as {@code Last-Event-ID}
 * @param orderId the order
 * @param type the name it is stored under ({@code ORDER_PLACED}, ...)
 * @param event what happened, read back into its module's record; {@link UnknownEvent}
 * for a kind no module registers
 * @param occurredAt when it was appended
 * @param actor who caused it
 */
public record OrderEvent(long id, long orderId, String type, TimelineEvent event, Instant occurredAt, String actor) {

	/** The select list that {@link OrderEventCodec#readRow} reads. */
	static final String COLUMNS = "id, order_id, type, payload::text as payload, occurred_at, actor";

}
