package com.backorderdesk.timeline;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * An event as the listener read it from the table, whose record is read from its JSON
 * only when a feed wants it, and then once. A shift of 10,000 orders commits 20,000
 * events; live pages only need to know which orders changed, and the dispatcher only that
 * something was committed, so most of them are never read into records. Used by one
 * thread at a time, the listener's.
 */
final class ReadEvent {

	private final long id;

	private final long orderId;

	private final String type;

	private final Instant occurredAt;

	private final String actor;

	private final @Nullable OrderEventCodec codec;

	private @Nullable String payload;

	private @Nullable OrderEvent event;

	private ReadEvent(long id, long orderId, String type, Instant occurredAt, String actor,
			@Nullable OrderEventCodec codec, @Nullable String payload, @Nullable OrderEvent event) {
		this.id = id;
		this.orderId = orderId;
		this.type = type;
		this.occurredAt = occurredAt;
		this.actor = actor;
		this.codec = codec;
		this.payload = payload;
		this.event = event;
	}

	/**
	 * A row selected with {@link OrderEvent#COLUMNS}, its payload kept as text.
	 * @param row the row
	 * @param codec reads the payload when it is wanted
	 * @return the event, not read yet
	 */
	static ReadEvent of(Readable row, OrderEventCodec codec) {
		return new ReadEvent(row.get("id", Long.class), row.get("order_id", Long.class), row.get("type", String.class),
				row.get("occurred_at", Instant.class), row.get("actor", String.class), codec,
				row.get("payload", String.class), null);
	}

	/**
	 * An event that is read already.
	 * @param event the event
	 * @return it, as read
	 */
	static ReadEvent of(OrderEvent event) {
		return new ReadEvent(event.id(), event.orderId(), event.type(), event.occurredAt(), event.actor(), null, null,
				event);
	}

	long id() {
		return this.id;
	}

	long orderId() {
		return this.orderId;
	}

	/**
	 * The event with its record, read from the JSON the first time.
	 * @return the event
	 */
	OrderEvent event() {
		OrderEvent read = this.event;
		if (read == null) {
			String json = (this.payload != null) ? this.payload : "{}";
			TimelineEvent record = (this.codec != null) ? this.codec.read(this.type, json)
					: new UnknownEvent(this.type);
			read = new OrderEvent(this.id, this.orderId, this.type, record, this.occurredAt, this.actor);
			this.event = read;
			this.payload = null;
		}
		return read;
	}

	/**
	 * The event with its record when a feed wanted it, or when it ends customers' access
	 * ({@link AccessRevoked}, rare, which live pages read); otherwise with an
	 * {@link UnknownEvent} of its type in place of the record, for readers of ids and
	 * orders only.
	 * @return the event
	 */
	OrderEvent summary() {
		OrderEvent read = this.event;
		if (read != null) {
			return read;
		}
		if (this.codec != null && this.codec.revokesAccess(this.type)) {
			return event();
		}
		return new OrderEvent(this.id, this.orderId, this.type, new UnknownEvent(this.type), this.occurredAt,
				this.actor);
	}

}
