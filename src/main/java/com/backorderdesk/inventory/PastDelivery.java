package com.backorderdesk.inventory;

import java.time.LocalDate;

/**
 * A restock delivered in full before Backorder Desk kept the books, recorded so that its
 * supplier starts with a lateness record.
 *
 * @param sku the SKU
 * @param supplier the supplier's name; a new name creates the supplier
 * @param quantity units delivered
 * @param promisedOn the date the supplier first promised
 * @param receivedOn the date the units arrived, on or after which lateness is measured
 */
public record PastDelivery(String sku, String supplier, int quantity, LocalDate promisedOn, LocalDate receivedOn) {
}
