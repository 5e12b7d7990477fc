package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One substitute offered to every order in the queue for a SKU: each waiting line is
 * offered as many units of the substitute as it waits for.
 *
 * @param sku the SKU the orders wait for
 * @param substituteSku the product offered instead
 * @param priceDifferencePerUnitCents what accepting costs more (positive) or less
 * (negative) per unit, or {@code null} to compute each order's difference from the
 * substitute's price and the price the customer paid
 * @param note why it is a good substitute, shown to the customers
 * @param expiresAt until when the customers can accept
 */
public record OfferToAll(String sku, String substituteSku, @Nullable Long priceDifferencePerUnitCents, String note,
		Instant expiresAt) {
}
