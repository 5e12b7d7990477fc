package com.backorderdesk.notification;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * An outbox row claimed for sending.
 *
 * @param id the row
 * @param orderId the order, if any
 * @param recipient the address it was queued for
 * @param kind why it was queued
 * @param sku the product an e-mail about no order is about (back in stock)
 * @param attempts attempts including this one
 * @param createdAt when it was queued
 * @param fullStatus whether it tells where every item stands (a resend)
 * @param stillWaiting whether it is a "still waiting" update when nothing else changed
 * @param locale the language an e-mail about no order is written in (the page a
 * back-in-stock request was made on), as a stored tag
 */
record ClaimedMail(long id, @Nullable Long orderId, String recipient, MailKind kind, @Nullable String sku, int attempts,
		Instant createdAt, boolean fullStatus, boolean stillWaiting, @Nullable String locale) {

	static ClaimedMail of(Readable row) {
		return new ClaimedMail(row.get("id", Long.class), row.get("order_id", Long.class),
				row.get("recipient", String.class), MailKind.valueOf(row.get("kind", String.class)),
				row.get("sku", String.class), row.get("attempts", Integer.class), row.get("created_at", Instant.class),
				Boolean.TRUE.equals(row.get("full_status", Boolean.class)),
				Boolean.TRUE.equals(row.get("still_waiting", Boolean.class)), row.get("locale", String.class));
	}

	/**
	 * This row joined by another row of the same order: it tells what either asks.
	 */
	ClaimedMail joinedBy(ClaimedMail other) {
		return new ClaimedMail(this.id, this.orderId, this.recipient, this.kind, this.sku, this.attempts,
				this.createdAt, this.fullStatus || other.fullStatus, this.stillWaiting || other.stillWaiting,
				this.locale);
	}

	/**
	 * The {@code Message-ID}: derived from the row alone, so a message sent again after a
	 * crash carries the same one and a mail client shows it once.
	 */
	String messageId(String domain) {
		return "<outbox-" + this.id + "." + this.createdAt.toEpochMilli() + "@" + domain + ">";
	}

}
