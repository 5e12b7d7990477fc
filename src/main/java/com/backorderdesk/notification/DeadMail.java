package com.backorderdesk.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An e-mail that could not be sent after every attempt, for staff to look at and retry.
 *
 * @param id the outbox row
 * @param orderNumber the order it is about, if any
 * @param recipient the address
 * @param kind what it is
 * @param attempts how often sending was tried
 * @param lastError what went wrong the last time
 * @param createdAt when it was queued
 * @param lastAttemptAt around when it was last tried
 */
public record DeadMail(long id, @Nullable String orderNumber, String recipient, MailKind kind, int attempts,
		@Nullable String lastError, Instant createdAt, Instant lastAttemptAt) {
}
