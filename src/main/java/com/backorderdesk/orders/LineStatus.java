package com.backorderdesk.orders;

/**
 * What a line's quantities mean for the customer.
 */
public enum LineStatus {

	/** Stock covers everything still open: being prepared. */
	ALLOCATED,

	/** Part is allocated from stock, the rest waits. */
	PARTIALLY_ALLOCATED,

	/** Nothing allocated yet, but planned supply gives (part of) it a date. */
	BACKORDERED,

	/** Nothing allocated and no planned supply: no date. */
	OUT_OF_STOCK,

	/** Nothing left open and something was shipped. */
	SHIPPED,

	/** Nothing left open and nothing shipped. */
	CANCELLED;

	static LineStatus of(int open, int allocated, int scheduled, int shipped) {
		if (open == 0) {
			return (shipped > 0) ? SHIPPED : CANCELLED;
		}
		if (allocated >= open) {
			return ALLOCATED;
		}
		if (allocated > 0) {
			return PARTIALLY_ALLOCATED;
		}
		return (scheduled > 0) ? BACKORDERED : OUT_OF_STOCK;
	}

}
