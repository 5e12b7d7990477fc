package com.backorderdesk.allocation;

import java.time.Instant;

/**
 * One order line waiting for a SKU.
 *
 * @param lineId the order line's id
 * @param priority queue priority; a lower number is served first
 * @param placedAt when the order was placed; earlier orders are served first within a
 * priority
 * @param openQuantity units still to deliver (quantity minus shipped minus cancelled)
 * @param allocated units this line already holds from stock, between 0 and
 * {@code openQuantity}
 */
public record Demand(long lineId, int priority, Instant placedAt, int openQuantity, int allocated) {

	public Demand {
		Checks.notNull(placedAt, "Demand line", lineId, "placedAt");
		Checks.notNegative(openQuantity, "Demand line", lineId, "openQuantity");
		Checks.notNegative(allocated, "Demand line", lineId, "allocated");
		if (allocated > openQuantity) {
			throw new IllegalArgumentException("Demand line " + lineId + " allocated (" + allocated
					+ ") must not exceed openQuantity (" + openQuantity + ")");
		}
	}

}
