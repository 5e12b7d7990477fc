package com.backorderdesk.allocation;

import org.jspecify.annotations.Nullable;

/**
 * How one order line's open quantity is covered: from stock now, by planned supply with a
 * delivery window, or not at all.
 *
 * @param lineId the order line's id
 * @param allocated units held from stock (in stock)
 * @param scheduled units covered by open restocks (backordered, with an ETA)
 * @param unscheduled units no supply covers (out of stock, no date)
 * @param eta the delivery window for the scheduled units, {@code null} when nothing is
 * scheduled
 * @param restockId the last restock covering part of this line, {@code null} when nothing
 * is scheduled
 */
public record Allocation(long lineId, int allocated, int scheduled, int unscheduled, @Nullable EtaWindow eta,
		@Nullable Long restockId) {

	public Allocation {
		Checks.notNegative(allocated, "Allocation for line", lineId, "allocated");
		Checks.notNegative(scheduled, "Allocation for line", lineId, "scheduled");
		Checks.notNegative(unscheduled, "Allocation for line", lineId, "unscheduled");
		if ((scheduled > 0) != (eta != null) || (scheduled > 0) != (restockId != null)) {
			throw new IllegalArgumentException("Allocation for line " + lineId
					+ " must have an eta and a restockId exactly when units are scheduled");
		}
	}

	/**
	 * Return the line's open quantity: every unit is allocated, scheduled or unscheduled.
	 * @return allocated plus scheduled plus unscheduled
	 */
	public int openQuantity() {
		return this.allocated + this.scheduled + this.unscheduled;
	}

}
