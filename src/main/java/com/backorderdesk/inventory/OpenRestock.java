package com.backorderdesk.inventory;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An open restock as planned supply.
 *
 * @param id the restock's id
 * @param expectedOn the expected date
 * @param openQuantity units still to come
 * @param supplierLatenessDays how late this supplier usually is, or {@code null} without
 * enough history
 * @param promisedOn the first expected date
 */
public record OpenRestock(long id, LocalDate expectedOn, int openQuantity, @Nullable Integer supplierLatenessDays,
		LocalDate promisedOn) {
}
