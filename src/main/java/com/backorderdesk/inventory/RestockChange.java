package com.backorderdesk.inventory;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a restock; {@code null} leaves a field as it is.
 *
 * @param expectedOn new expected date
 * @param quantity new quantity ordered
 * @param status new status
 * @param version the version the change was based on, or {@code null} to skip the check
 */
public record RestockChange(@Nullable LocalDate expectedOn, @Nullable Integer quantity, @Nullable RestockStatus status,
		@Nullable Long version) {
}
