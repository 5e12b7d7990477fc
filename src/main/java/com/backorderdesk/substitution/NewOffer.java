package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A substitute to offer for a waiting line. Unless staff set it, the price difference
 * follows from the catalogue, so the customer is shown exactly what accepting would
 * charge.
 *
 * @param orderNumber the shop's order number
 * @param lineId the waiting line
 * @param substituteSku the product offered instead
 * @param quantity units of the substitute
 * @param note why it is a good substitute, shown to the customer
 * @param expiresAt until when the customer can accept
 * @param priceDifferenceCents what accepting costs more (positive) or less (negative) for
 * the whole quantity, or {@code null} to compute it from the prices
 */
public record NewOffer(String orderNumber, long lineId, String substituteSku, int quantity, String note,
		Instant expiresAt, @Nullable Long priceDifferenceCents) {

	/**
	 * An offer whose price difference is computed from the prices.
	 */
	public NewOffer(String orderNumber, long lineId, String substituteSku, int quantity, String note,
			Instant expiresAt) {
		this(orderNumber, lineId, substituteSku, quantity, note, expiresAt, null);
	}

}
