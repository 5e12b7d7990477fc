package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A substitute was offered for a waiting line.
 *
 * @param offerId the offer
 * @param lineId the waiting line it would replace
 * @param sku the line's SKU
 * @param substituteSku the product offered instead
 * @param quantity units of the substitute
 * @param priceDifferenceCents what accepting costs more (positive) or less (negative),
 * for the whole quantity, in cents
 * @param currency ISO 4217 code
 * @param expiresAt until when it can be accepted
 */
public record SubstituteOffered(long offerId, long lineId, String sku, String substituteSku, int quantity,
		long priceDifferenceCents, String currency, @Nullable Instant expiresAt) implements OfferEvent {
}
