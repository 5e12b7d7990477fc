package com.backorderdesk.notification;

/**
 * How the outbox stands.
 *
 * @param pending e-mails waiting to be sent (including coalescing window changes and
 * retries)
 * @param sending e-mails claimed by an instance right now
 * @param sentLastDay e-mails sent in the last 24 hours
 * @param skippedLastDay e-mails dropped in the last 24 hours because, at sending time,
 * there was nothing worth telling (a window that moved back)
 * @param dead e-mails given up after every attempt
 */
public record OutboxCounts(long pending, long sending, long sentLastDay, long skippedLastDay, long dead) {
}
