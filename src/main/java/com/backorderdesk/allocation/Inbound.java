package com.backorderdesk.allocation;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An open inbound restock of one SKU, as far as it can still cover demand.
 *
 * @param restockId the restock's id, reported back on the lines it covers
 * @param expectedOn the date the supplier is expected to deliver
 * @param openQuantity units not received yet (quantity minus received)
 * @param supplierLatenessDays how many days late this supplier usually delivers, or
 * {@code null} when there is no history and the policy default applies
 * @param promisedOn the restock's first expected date, or {@code null} to plan from the
 * expected date alone; when the restock was moved later or is overdue, the window first
 * promised is kept while it can still hold (see {@link AllocationEngine})
 */
public record Inbound(long restockId, LocalDate expectedOn, int openQuantity, @Nullable Integer supplierLatenessDays,
		@Nullable LocalDate promisedOn) {

	public Inbound {
		Checks.notNull(expectedOn, "Restock", restockId, "expectedOn");
		Checks.notNegative(openQuantity, "Restock", restockId, "openQuantity");
		if (supplierLatenessDays != null) {
			Checks.notNegative(supplierLatenessDays, "Restock", restockId, "supplierLatenessDays");
		}
	}

}
