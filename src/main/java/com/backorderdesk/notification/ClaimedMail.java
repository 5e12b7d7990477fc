package com.backorderdesk.notification;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * An outbox row claimed for sending, with what the e-mail needs of its order.
 *
 * @param id the row
 * @param orderId the order, if any
 * @param recipient the address
 * @param kind what it is
 * @param model what it says, as JSON
 * @param attempts attempts including this one
 * @param createdAt when it was queued
 * @param orderNumber the order's number, if any
 * @param customerName the customer's name, if any
 * @param emailPreference the order's e-mail preference now, if any
 */
record ClaimedMail(long id, @Nullable Long orderId, String recipient, MailKind kind, String model, int attempts,
		Instant createdAt, @Nullable String orderNumber, @Nullable String customerName,
		@Nullable String emailPreference) {

	static ClaimedMail of(Readable row) {
		return new ClaimedMail(row.get("id", Long.class), row.get("order_id", Long.class),
				row.get("recipient", String.class), MailKind.valueOf(row.get("kind", String.class)),
				row.get("model", String.class), row.get("attempts", Integer.class),
				row.get("created_at", Instant.class), row.get("number", String.class),
				row.get("customer_name", String.class), row.get("email_preference", String.class));
	}

	/** Whether the customer still wants this e-mail; they may have changed their mind. */
	boolean wanted() {
		if (this.emailPreference == null || this.emailPreference.equals("EVERY_UPDATE")) {
			return true;
		}
		return this.emailPreference.equals("IMPORTANT_ONLY") && this.kind.important();
	}

	/**
	 * The {@code Message-ID}: derived from the row alone, so a message sent again after a
	 * crash carries the same one and a mail client shows it once.
	 */
	String messageId(String domain) {
		return "<outbox-" + this.id + "." + this.createdAt.toEpochMilli() + "@" + domain + ">";
	}

}
