package com.backorderdesk.integration;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One delivery of a message to an endpoint, for the delivery log.
 *
 * @param id the delivery's id
 * @param webhookId the message's {@code webhook-id}
 * @param eventType what it tells
 * @param orderNumber the order it is about, if any
 * @param status {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param attempts attempts made
 * @param lastStatus the status code the endpoint last answered, if it answered
 * @param lastError why the last attempt failed, if it did
 * @param createdAt when the message was written
 * @param nextAttemptAt when a pending delivery is tried next
 * @param deliveredAt when it was delivered, if it was
 */
public record DeliveryLogEntry(long id, String webhookId, String eventType, @Nullable String orderNumber, String status,
		int attempts, @Nullable Integer lastStatus, @Nullable String lastError, Instant createdAt,
		Instant nextAttemptAt, @Nullable Instant deliveredAt) {

	/**
	 * Whether it was given up and can be sent again.
	 * @return {@code true} when dead
	 */
	public boolean dead() {
		return "DEAD".equals(this.status);
	}

}
