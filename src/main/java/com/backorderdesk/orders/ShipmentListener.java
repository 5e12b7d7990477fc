package com.backorderdesk.orders;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Hears of shipments inside the transaction that records them, after the lines are
 * updated: what it writes commits or rolls back with the shipment. Other modules
 * implement it (the promise ledger, for the day units left); orders never depend on them.
 */
public interface ShipmentListener {

	/**
	 * Called once per recorded shipment, before the caller's transaction commits.
	 * @param lines the lines shipped from, with what is left open on each
	 * @return completion; an error rolls the shipment back
	 */
	Mono<Void> linesShipped(List<ShippedLine> lines);

}
