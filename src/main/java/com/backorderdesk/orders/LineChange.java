package com.backorderdesk.orders;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A line whose planned state changed when its SKU was re-planned.
 *
 * @param orderId the line's order
 * @param lineId the line
 * @param sku the SKU
 * @param before the state before
 * @param after the state after
 * @param restockId the restock now covering the line, if any
 */
record LineChange(long orderId, long lineId, String sku, LineState before, LineState after, @Nullable Long restockId) {

	/**
	 * Whether the customer can see this change; a line can move to another restock with
	 * the same window.
	 */
	boolean visible() {
		return !this.before.equals(this.after);
	}

	/** Whether the delivery window moved, appeared or went away. */
	boolean etaChanged() {
		return !Objects.equals(this.before.eta(), this.after.eta());
	}

	boolean statusChanged() {
		return this.before.status() != this.after.status() || this.before.allocated() != this.after.allocated();
	}

}
