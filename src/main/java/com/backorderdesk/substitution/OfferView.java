package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A substitution offer as the order page shows it.
 *
 * @param id the offer's id
 * @param orderId the order
 * @param lineId the waiting line it replaces
 * @param substituteSku the product offered
 * @param substituteName the product's name
 * @param quantity units of the substitute
 * @param priceDifferenceCents what accepting costs more (positive) or less (negative)
 * @param currency ISO 4217 code
 * @param note why it is a good substitute
 * @param expiresAt until when it can be accepted
 * @param status where it stands
 * @param decidedAt when it left {@link OfferStatus#OFFERED}
 * @param version optimistic lock version
 * @param available whether the substitute's free stock covers the offer now; an open
 * offer that is not available cannot be accepted
 */
public record OfferView(long id, long orderId, long lineId, String substituteSku, String substituteName, int quantity,
		long priceDifferenceCents, String currency, String note, Instant expiresAt, OfferStatus status,
		@Nullable Instant decidedAt, long version, boolean available) {
}
