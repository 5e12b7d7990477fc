package com.backorderdesk.substitution;

/**
 * A substitute offer was withdrawn: another offer for the line was accepted.
 *
 * @param offerId the offer
 * @param lineId the waiting line it would have replaced
 * @param sku the line's SKU
 * @param substituteSku the product that was offered
 */
public record SubstituteWithdrawn(long offerId, long lineId, String sku, String substituteSku) implements OfferEvent {
}
