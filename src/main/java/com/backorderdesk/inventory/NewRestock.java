package com.backorderdesk.inventory;

import java.time.LocalDate;

/**
 * A restock to create.
 *
 * @param sku the SKU
 * @param supplier the supplier's name; a new name creates the supplier
 * @param quantity units ordered
 * @param expectedOn expected delivery date
 */
public record NewRestock(String sku, String supplier, int quantity, LocalDate expectedOn) {
}
