package com.backorderdesk.inventory;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An inbound restock: units of one SKU a supplier is expected to deliver.
 *
 * @param id the restock's id
 * @param sku the SKU
 * @param supplier the supplier's name
 * @param quantity units ordered from the supplier
 * @param quantityReceived units received so far
 * @param promisedOn the first expected date, kept to measure lateness
 * @param expectedOn the current expected date
 * @param receivedOn when it was received in full, if it was
 * @param status where it stands
 * @param version optimistic lock version
 */
public record Restock(long id, String sku, String supplier, int quantity, int quantityReceived, LocalDate promisedOn,
		LocalDate expectedOn, @Nullable LocalDate receivedOn, RestockStatus status, long version) {

	public int openQuantity() {
		return this.status.isOpen() ? this.quantity - this.quantityReceived : 0;
	}

}
