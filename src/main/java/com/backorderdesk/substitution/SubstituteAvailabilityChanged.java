package com.backorderdesk.substitution;

/**
 * An open offer's substitute can no longer serve it (its free stock fell below the
 * offer's quantity), or can again. An unavailable offer cannot be accepted, and says so.
 *
 * @param offerId the offer
 * @param lineId the waiting line it would replace
 * @param sku the line's SKU
 * @param substituteSku the product offered
 * @param available whether the substitute's free stock covers the offer now
 */
public record SubstituteAvailabilityChanged(long offerId, long lineId, String sku, String substituteSku,
		boolean available) implements OfferEvent {
}
