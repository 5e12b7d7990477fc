package com.backorderdesk.orders;

import reactor.core.publisher.Mono;

/**
 * How many days beyond the configured handling days parcels take to leave the warehouse,
 * as measured from shipments; windows' latest dates are widened by it. Another module
 * measures it (the promise ledger); orders never depend on it, and without one the spread
 * is 0.
 */
public interface HandlingSpread {

	/**
	 * Reads the spread, inside the caller's transaction.
	 * @return days, 0 or more
	 */
	Mono<Integer> days();

}
