package com.backorderdesk.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An e-mail to put in the outbox.
 *
 * @param orderId the order it is about; {@code null} for e-mail about no order
 * @param recipient the address; {@code null} to use the order's customer
 * @param kind what it is
 * @param model what it says, as JSON
 * @param dedupKey unique per change, so the same change never queues two e-mails
 * @param coalesceKey pending rows with the same key merge into one; {@code null} for none
 * @param dueAt when it may be sent
 */
record NewMail(@Nullable Long orderId, @Nullable String recipient, MailKind kind, String model, String dedupKey,
		@Nullable String coalesceKey, Instant dueAt) {
}
