package com.backorderdesk.substitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A SKU in the substitution queue: how much waits for it without a date or for long.
 *
 * @param sku the SKU
 * @param name the product's name
 * @param category the product's category
 * @param type the product's {@value SubstituteRanking#TYPE} attribute, if it has one
 * @param priceCents the product's price
 * @param currency ISO 4217 code
 * @param units units waiting
 * @param orders orders waiting
 * @param undatedUnits of the units, those without any date
 * @param oldestPlacedAt when the longest-waiting of those orders was placed
 * @param openOffers offers for these lines that customers have not answered yet and can
 * accept
 * @param unavailableOffers offers for these lines not answered yet whose substitute is no
 * longer available, so they cannot be accepted now
 */
public record WaitingSku(String sku, String name, String category, @Nullable String type, long priceCents,
		String currency, int units, int orders, int undatedUnits, Instant oldestPlacedAt, int openOffers,
		int unavailableOffers) {
}
