package com.backorderdesk.orders;

import java.util.List;

import com.backorderdesk.inventory.ShiftedRestock;

/**
 * What a bulk date shift did, or would do.
 *
 * @param restocks the restocks whose expected date moved
 * @param impact what it did to customers' orders
 */
public record RestockShiftOutcome(List<ShiftedRestock> restocks, SupplyImpact impact) {

	public RestockShiftOutcome {
		restocks = List.copyOf(restocks);
	}

}
