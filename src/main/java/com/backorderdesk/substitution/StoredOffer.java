package com.backorderdesk.substitution;

import java.time.Instant;
import java.util.Map;

/**
 * An offer row, read under its lock, with the order and line it belongs to.
 */
record StoredOffer(long id, long orderId, String orderNumber, long lineId, String originalSku, String substituteSku,
		int quantity, long priceDifferenceCents, String currency, Instant expiresAt, OfferStatus status) {

	/** The details every event about this offer carries. */
	Map<String, Object> payload() {
		return Map.of("offerId", this.id, "lineId", this.lineId, "sku", this.originalSku, "substituteSku",
				this.substituteSku, "quantity", this.quantity, "priceDifferenceCents", this.priceDifferenceCents,
				"currency", this.currency);
	}

}
