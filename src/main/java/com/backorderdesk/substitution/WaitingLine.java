package com.backorderdesk.substitution;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A line in the substitution queue.
 *
 * @param orderId the order
 * @param orderNumber the shop's order number
 * @param customerName the customer's name
 * @param customerEmail the customer's e-mail address
 * @param lineId the line
 * @param sku the SKU it waits for
 * @param waiting units waiting (scheduled and without a date)
 * @param undated of those, the units without a date
 * @param etaLatest the end of the scheduled units' window, if any
 * @param unitPriceCents what the customer paid per unit
 * @param placedAt when the order was placed
 * @param openOffers offers for this line not answered yet that the customer can accept
 * @param unavailableOffers offers for this line not answered yet whose substitute is no
 * longer available
 */
public record WaitingLine(long orderId, String orderNumber, String customerName, String customerEmail, long lineId,
		String sku, int waiting, int undated, @Nullable LocalDate etaLatest, long unitPriceCents, Instant placedAt,
		int openOffers, int unavailableOffers) {
}
