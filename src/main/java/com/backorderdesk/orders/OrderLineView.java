package com.backorderdesk.orders;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * One line of an order, with what is allocated, scheduled and without a date.
 *
 * @param id the line's id
 * @param lineNo position in the order, from 1
 * @param sku the SKU
 * @param productName the product's name
 * @param quantity units ordered
 * @param allocated units allocated from stock now
 * @param scheduled units covered by a restock, arriving within {@code eta}
 * @param unscheduled units no planned supply covers
 * @param shipped units shipped
 * @param cancelled units cancelled
 * @param status the line's status
 * @param eta delivery window of the scheduled units
 * @param previousEta the window before the last change
 * @param promisedEta the first window promised
 * @param etaChangedAt when the window last changed
 * @param unitPriceCents price of one unit
 * @param currency ISO 4217 code
 * @param version optimistic lock version
 * @param notOrderable units refused at placement beyond the product's backorder cap,
 * counted in {@code cancelled}
 */
public record OrderLineView(long id, int lineNo, String sku, String productName, int quantity, int allocated,
		int scheduled, int unscheduled, int shipped, int cancelled, LineStatus status, @Nullable EtaWindow eta,
		@Nullable EtaWindow previousEta, @Nullable EtaWindow promisedEta, @Nullable Instant etaChangedAt,
		long unitPriceCents, String currency, long version, int notOrderable) {

	/**
	 * The line's open quantity as planned, as timeline events and e-mails record it.
	 * @return the state
	 */
	public LineState state() {
		return new LineState(this.status, this.allocated, this.scheduled, this.unscheduled, this.eta);
	}

	/**
	 * Units the customer still waits for: scheduled and without a date.
	 * @return the waiting units
	 */
	public int waiting() {
		return this.scheduled + this.unscheduled;
	}

}
