package com.backorderdesk.substitution;

import java.time.Instant;

/**
 * An offer row, read under its lock, with the order and line it belongs to.
 */
record StoredOffer(long id, long orderId, String orderNumber, long lineId, String originalSku, String substituteSku,
		int quantity, long priceDifferenceCents, String currency, Instant expiresAt, OfferStatus status) {

	SubstituteOffered offered() {
		return new SubstituteOffered(this.id, this.lineId, this.originalSku, this.substituteSku, this.quantity,
				this.priceDifferenceCents, this.currency, this.expiresAt);
	}

	SubstituteAccepted accepted(long newLineId, int cancelled) {
		return new SubstituteAccepted(this.id, this.lineId, this.originalSku, this.substituteSku, this.quantity,
				this.priceDifferenceCents, this.currency, newLineId, cancelled);
	}

	SubstituteDeclined declined() {
		return new SubstituteDeclined(this.id, this.lineId, this.originalSku, this.substituteSku);
	}

	SubstituteExpired expired() {
		return new SubstituteExpired(this.id, this.lineId, this.originalSku, this.substituteSku);
	}

	SubstituteWithdrawn withdrawn() {
		return new SubstituteWithdrawn(this.id, this.lineId, this.originalSku, this.substituteSku);
	}

}
