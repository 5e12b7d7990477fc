package com.backorderdesk.allocation;

import java.util.List;

/**
 * Everything the engine needs to plan one SKU: its stock, its planned supply and its
 * demand.
 *
 * @param sku the SKU
 * @param onHand physical units in the warehouse not yet shipped, including units already
 * held by lines
 * @param inbound open inbound restocks, in any order
 * @param demand open order lines, in any order; allocations come back in this order
 */
public record SkuPlan(String sku, int onHand, List<Inbound> inbound, List<Demand> demand) {

	public SkuPlan {
		Checks.notNull(sku, "SkuPlan sku");
		if (sku.isBlank()) {
			throw new IllegalArgumentException("SkuPlan sku must not be blank");
		}
		if (onHand < 0) {
			throw new IllegalArgumentException("SKU " + sku + " onHand must not be negative, was " + onHand);
		}
		inbound = Checks.copyWithoutNulls(inbound, sku, "inbound");
		demand = Checks.copyWithoutNulls(demand, sku, "demand");
	}

}
