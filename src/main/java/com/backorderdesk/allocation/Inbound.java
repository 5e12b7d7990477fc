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
 */
public record Inbound(long restockId, LocalDate expectedOn, int openQuantity, @Nullable Integer supplierLatenessDays) {

	public Inbound {
		Checks.notNull(expectedOn, "Restock", restockId, "expectedOn");
		Checks.notNegative(openQuantity, "Restock", restockId, "openQuantity");
		if (supplierLatenessDays != null) {
			Checks.notNegative(supplierLatenessDays, "Restock", restockId, "supplierLatenessDays");
		}
	}

}
