package com.backorderdesk.inventory;

import java.time.Instant;

/**
 * A SKU's stock.
 *
 * @param sku the SKU
 * @param onHand units in the warehouse not yet shipped
 * @param held units of it open order lines hold (allocated)
 * @param inbound units open restocks will still bring
 * @param updatedAt when the units on hand last changed
 */
public record StockLevel(String sku, int onHand, int held, int inbound, Instant updatedAt) {

	/**
	 * Units no order holds.
	 * @return on hand minus held, never below zero
	 */
	public int free() {
		return Math.max(0, this.onHand - this.held);
	}

}
