package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * A line's open quantity as planned: what stock holds, what a restock covers and when,
 * what has no date. Timeline events carry it before and after a change; the e-mail keeps
 * what the customer was last told in the same shape.
 *
 * @param status the status
 * @param allocated units held from stock
 * @param scheduled units a restock covers, arriving within {@code eta}
 * @param unscheduled units without a date
 * @param eta window of the scheduled units, {@code null} when none are scheduled
 */
public record LineState(LineStatus status, int allocated, int scheduled, int unscheduled, @Nullable EtaWindow eta) {

	/**
	 * Units still to deliver: allocated, scheduled and without a date.
	 * @return the open units
	 */
	public int open() {
		return this.allocated + this.scheduled + this.unscheduled;
	}

	/**
	 * Units the customer waits for: open units that stock does not hold.
	 * @return scheduled plus unscheduled
	 */
	public int waiting() {
		return this.scheduled + this.unscheduled;
	}

}
