package com.backorderdesk.inventory;

import java.time.LocalDate;

/**
 * A restock whose expected date a shift moved.
 *
 * @param id the restock's id
 * @param sku its SKU
 * @param before the expected date before
 * @param after the expected date now
 * @param version the restock's version before the move (what a preview saw, and what
 * {@link RestockShift#previewed()} names)
 */
public record ShiftedRestock(long id, String sku, LocalDate before, LocalDate after, long version) {
}
