package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An offer as staff follow it: whom it went to, for what, and what became of it.
 *
 * @param id the offer's id
 * @param orderNumber the order it was made to
 * @param originalSku the SKU the customer waits for
 * @param originalName that product's name
 * @param substituteSku the product offered
 * @param substituteName that product's name
 * @param quantity units of the substitute
 * @param priceDifferenceCents what accepting costs more (positive) or less (negative)
 * @param currency ISO 4217 code
 * @param note the note shown to the customer
 * @param status where it stands
 * @param createdAt when it was offered
 * @param createdBy who offered it
 * @param expiresAt until when it can be accepted
 * @param decidedAt when it left {@link OfferStatus#OFFERED}
 * @param available whether the substitute's free stock still covers it
 */
public record OfferActivity(long id, String orderNumber, String originalSku, String originalName, String substituteSku,
		String substituteName, int quantity, long priceDifferenceCents, String currency, String note,
		OfferStatus status, Instant createdAt, String createdBy, Instant expiresAt, @Nullable Instant decidedAt,
		boolean available) {
}
