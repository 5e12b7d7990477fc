package com.backorderdesk.substitution;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * The customer accepted a substitute: it was added to the order from stock and the
 * original line's waiting units were cancelled.
 *
 * @param offerId the offer
 * @param lineId the original line
 * @param sku the original line's SKU
 * @param substituteSku the substitute's SKU
 * @param quantity units of the substitute
 * @param priceDifferenceCents what it cost more (positive) or less (negative), in cents
 * @param currency ISO 4217 code
 * @param newLineId the line added for the substitute
 * @param cancelled units of the original line cancelled
 */
public record SubstituteAccepted(long offerId, long lineId, String sku, String substituteSku, int quantity,
		long priceDifferenceCents, String currency, long newLineId,
		int cancelled) implements OfferEvent, CustomerChoice {
}
