package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * A line's quantities as stored.
 *
 * @param id the line
 * @param sku the SKU
 * @param openQuantity units still to deliver
 * @param allocated units held from stock
 * @param scheduled units a restock covers
 * @param shipped units shipped
 * @param eta window of the scheduled units
 */
record StoredQuantities(long id, String sku, int openQuantity, int allocated, int scheduled, int shipped,
		@Nullable EtaWindow eta) {

	/** Units the customer waits for: everything open that stock does not hold. */
	int waiting() {
		return this.openQuantity - this.allocated;
	}

	LineState state() {
		return new LineState(LineStatus.of(this.openQuantity, this.allocated, this.scheduled, this.shipped),
				this.allocated, this.scheduled, this.openQuantity - this.allocated - this.scheduled, this.eta);
	}

}
