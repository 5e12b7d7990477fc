package com.backorderdesk.inventory;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Units of a restock that arrived.
 *
 * @param quantity units received now, at most what is still to come
 * @param receivedOn the day they arrived, not after today
 * @param version the restock version the receipt was based on, or {@code null} to skip
 * the check
 */
public record NewReceipt(int quantity, LocalDate receivedOn, @Nullable Long version) {
}
