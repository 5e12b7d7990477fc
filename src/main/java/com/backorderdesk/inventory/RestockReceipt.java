package com.backorderdesk.inventory;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One delivery of a restock, in full or in part.
 *
 * @param id the receipt's id
 * @param restockId the restock
 * @param quantity units received
 * @param receivedOn the day they arrived
 * @param recordedAt when the receipt was recorded
 */
public record RestockReceipt(long id, long restockId, int quantity, LocalDate receivedOn, Instant recordedAt) {
}
