package com.backorderdesk.notification;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row of the outbox as staff follow it: an e-mail queued, sent, skipped, failing or
 * given up, what it said, or why it was not sent.
 *
 * @param id the outbox row
 * @param orderNumber the order it is about, or {@code null} for e-mail about no order
 * @param recipient the address
 * @param kind why it was queued
 * @param status {@code PENDING}, {@code SENDING}, {@code SENT}, {@code SKIPPED} or
 * {@code DEAD}
 * @param subject the subject line it was sent with, once sent
 * @param contents what it told, most important first, once sent
 * @param outcome why it was not sent, when skipped
 * @param attempts how often sending was tried
 * @param lastError what went wrong the last time, if anything did
 * @param createdAt when it was queued
 * @param sentAt when it was sent or skipped
 * @param nextAttemptAt when it is due, while pending
 */
public record OutboxMail(long id, @Nullable String orderNumber, String recipient, MailKind kind, String status,
		@Nullable String subject, List<MailContent> contents, @Nullable String outcome, int attempts,
		@Nullable String lastError, Instant createdAt, @Nullable Instant sentAt, Instant nextAttemptAt) {

	public OutboxMail {
		contents = List.copyOf(contents);
	}

}
