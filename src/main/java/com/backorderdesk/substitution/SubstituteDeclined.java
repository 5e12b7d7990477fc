package com.backorderdesk.substitution;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * The customer declined a substitute and keeps waiting for the original.
 *
 * @param offerId the offer
 * @param lineId the waiting line it would have replaced
 * @param sku the line's SKU
 * @param substituteSku the product that was offered
 */
public record SubstituteDeclined(long offerId, long lineId, String sku,
		String substituteSku) implements OfferEvent, CustomerChoice {
}
