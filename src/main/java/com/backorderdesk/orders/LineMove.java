package com.backorderdesk.orders;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * What a change did to one order line.
 *
 * @param lineId the line
 * @param sku its SKU
 * @param before its state before, {@code null} for a line the change created
 * @param after its state after
 */
public record LineMove(long lineId, String sku, @Nullable LineState before, LineState after) {

	/**
	 * Whether the delivery window of its scheduled units moved, appeared or went away.
	 * @return whether the windows differ
	 */
	public boolean windowMoved() {
		return this.before == null || !Objects.equals(this.before.eta(), this.after.eta());
	}

	/**
	 * Whether the customer is worse off: units it held from stock went back to waiting,
	 * its latest date moved later, or it lost its date.
	 * @return whether the line got later
	 */
	public boolean later() {
		if (this.before == null) {
			return false;
		}
		if (this.after.allocated() < this.before.allocated() && this.after.open() == this.before.open()) {
			return true;
		}
		EtaWindow was = this.before.eta();
		EtaWindow now = this.after.eta();
		if (was != null && now != null) {
			return now.latest().isAfter(was.latest());
		}
		return was != null && now == null && this.after.unscheduled() > this.before.unscheduled();
	}

}
