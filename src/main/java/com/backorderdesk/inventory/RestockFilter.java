package com.backorderdesk.inventory;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a list of restocks shows.
 *
 * @param sku part of the SKU, any case; blank for all
 * @param supplier part of the supplier's name, any case; blank for all
 * @param status one status, or {@code null} for any
 * @param openOnly only restocks still to come (ignored when a status is given)
 * @param from the earliest expected date, or {@code null}
 * @param to the latest expected date, or {@code null}
 */
public record RestockFilter(String sku, String supplier, @Nullable RestockStatus status, boolean openOnly,
		@Nullable LocalDate from, @Nullable LocalDate to) {
}
