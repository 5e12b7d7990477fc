package com.backorderdesk.inventory;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Moves the expected dates of many open restocks by the same number of days; a date never
 * moves before today.
 *
 * @param restockIds the restocks to move, used when {@code supplier} is {@code null};
 * received and cancelled ones are left alone
 * @param supplier the supplier whose open restocks all move, or {@code null}
 * @param days days to move by, negative for earlier
 */
public record RestockShift(List<Long> restockIds, @Nullable String supplier, int days) {

	/** The most days one shift may move a date. */
	public static final int MAX_DAYS = 3650;

	/** The most restocks one shift may name. */
	public static final int MAX_RESTOCKS = 1000;

	public RestockShift {
		restockIds = List.copyOf(restockIds);
	}

}
