package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * A line whose plan changed in a re-plan, as {@link ReplanListener#linesReplanned} hears
 * of it: what the customer could see before and after.
 *
 * @param orderId the line's order
 * @param lineId the line
 * @param sku the SKU
 * @param statusBefore the status before
 * @param allocatedBefore units held from stock before
 * @param etaBefore the window before, {@code null} when it had none
 * @param statusAfter the status now; {@link LineStatus#ALLOCATED} means every open unit
 * is ready
 * @param allocatedAfter units held from stock now
 * @param unscheduledAfter units no planned supply covers now
 * @param etaAfter the window now, {@code null} when it has none
 * @param restockId the restock now deciding the line's window, if any
 */
public record ReplannedLine(long orderId, long lineId, String sku, LineStatus statusBefore, int allocatedBefore,
		@Nullable EtaWindow etaBefore, LineStatus statusAfter, int allocatedAfter, int unscheduledAfter,
		@Nullable EtaWindow etaAfter, @Nullable Long restockId) {

	static ReplannedLine of(LineChange change) {
		return new ReplannedLine(change.orderId(), change.lineId(), change.sku(), change.before().status(),
				change.before().allocated(), change.before().eta(), change.after().status(), change.after().allocated(),
				change.after().unscheduled(), change.after().eta(), change.restockId());
	}

}
