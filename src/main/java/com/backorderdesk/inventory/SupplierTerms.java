package com.backorderdesk.inventory;

import org.jspecify.annotations.Nullable;

/**
 * How a SKU is bought: from the supplier of its latest restock, on that supplier's terms.
 *
 * @param sku the SKU
 * @param supplier the supplier's name
 * @param leadTimeDays days from placing a restock to receiving it in full, on average
 * over the supplier's received restocks; {@code null} before its first receipt
 * @param minimumOrderQuantity the least the supplier takes in one purchase, or
 * {@code null} when it has no minimum
 */
public record SupplierTerms(String sku, String supplier, @Nullable Integer leadTimeDays,
		@Nullable Integer minimumOrderQuantity) {
}
