package com.backorderdesk.substitution;

import java.time.Instant;

/**
 * A substitute to offer for a waiting line. The price difference follows from the
 * catalogue, so the customer is shown exactly what accepting would charge.
 *
 * @param orderNumber the shop's order number
 * @param lineId the waiting line
 * @param substituteSku the product offered instead
 * @param quantity units of the substitute
 * @param note why it is a good substitute, shown to the customer
 * @param expiresAt until when the customer can accept
 */
public record NewOffer(String orderNumber, long lineId, String substituteSku, int quantity, String note,
		Instant expiresAt) {
}
