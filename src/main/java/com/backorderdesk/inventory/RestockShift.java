package com.backorderdesk.inventory;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Moves the expected dates of many open restocks by the same number of days; a date never
 * moves before today.
 *
 * @param restockIds the restocks to move, used when {@code supplier} is {@code null};
 * received and cancelled ones are left alone
 * @param supplier the supplier whose open restocks all move, or {@code null}
 * @param days days to move by, negative for earlier
 * @param previewed the restocks a preview showed moving, restock id to the version it had
 * then ({@link ShiftedRestock#version()}), or {@code null} to move whatever the selection
 * holds now; when given, the shift moves exactly these restocks at these versions or
 * nothing, so a move applied twice (a double click, a second planner applying the same
 * preview) or changed since its preview is refused rather than applied unseen
 */
public record RestockShift(List<Long> restockIds, @Nullable String supplier, int days,
		@Nullable Map<Long, Long> previewed) {

	/** The most days one shift may move a date. */
	public static final int MAX_DAYS = 3650;

	/** The most restocks one shift may name. */
	public static final int MAX_RESTOCKS = 1000;

	public RestockShift {
		restockIds = List.copyOf(restockIds);
		previewed = (previewed != null) ? Map.copyOf(previewed) : null;
	}

	/**
	 * A shift of whatever the selection holds when it runs (a preview, or a caller that
	 * saw no preview).
	 * @param restockIds the restocks to move, used when {@code supplier} is {@code null}
	 * @param supplier the supplier whose open restocks all move, or {@code null}
	 * @param days days to move by, negative for earlier
	 */
	public RestockShift(List<Long> restockIds, @Nullable String supplier, int days) {
		this(restockIds, supplier, days, null);
	}

	/**
	 * The same shift, bound to what a preview showed.
	 * @param versions restock id to the version the preview saw
	 * @return the shift that moves exactly those restocks at those versions, or nothing
	 */
	public RestockShift asPreviewed(Map<Long, Long> versions) {
		return new RestockShift(this.restockIds, this.supplier, this.days, versions);
	}

}
