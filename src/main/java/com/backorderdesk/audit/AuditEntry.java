package com.backorderdesk.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One staff change, as the audit log keeps it.
 *
 * @param id the entry's id
 * @param occurredAt when the change was made
 * @param actor who made it (a staff username)
 * @param action what kind of change ({@code RESTOCK_UPDATED}, {@code STAFF_DISABLED},
 * ...)
 * @param subject what was changed ({@code restock 42}, {@code order BO-1001}, ...)
 * @param before the state before, as JSON, or {@code null} for something new
 * @param after the state after, as JSON, or {@code null} for something removed
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subject,
		@Nullable String before, @Nullable String after) {
}
