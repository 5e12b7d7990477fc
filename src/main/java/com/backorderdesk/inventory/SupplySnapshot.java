package com.backorderdesk.inventory;

import java.util.List;

/**
 * The supply of one SKU, read under a row lock on its stock.
 *
 * @param sku the SKU
 * @param onHand units in the warehouse not yet shipped
 * @param restocks open restocks, soonest first
 */
public record SupplySnapshot(String sku, int onHand, List<OpenRestock> restocks) {

	public SupplySnapshot {
		restocks = List.copyOf(restocks);
	}

}
