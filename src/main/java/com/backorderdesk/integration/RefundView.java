package com.backorderdesk.integration;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Money due back to a customer for cancelled units.
 *
 * @param id the refund's id
 * @param orderId the order
 * @param lineId the line whose units were cancelled
 * @param orderEventId the timeline event it is due for: the cancellation, or the
 * substitute accepted
 * @param reason why the units were cancelled ({@code orders.CancelReason} by name)
 * @param quantity units cancelled
 * @param amountCents what is due, in the currency's smallest unit; always more than 0
 * @param currency ISO 4217 code
 * @param status {@code DUE} or {@code REFUNDED}
 * @param createdAt when it became due
 * @param refundedAt when staff marked it refunded, if they did
 * @param refundedBy who marked it refunded, if anyone did
 * @param version optimistic lock version
 */
public record RefundView(long id, long orderId, long lineId, long orderEventId, String reason, int quantity,
		long amountCents, String currency, String status, Instant createdAt, @Nullable Instant refundedAt,
		@Nullable String refundedBy, long version) {

	/** The status of a refund still to be paid. */
	public static final String DUE = "DUE";

	/** The status of a refund paid. */
	public static final String REFUNDED = "REFUNDED";

	/**
	 * Whether it is still to be paid.
	 * @return {@code true} while due
	 */
	public boolean due() {
		return DUE.equals(this.status);
	}

}
