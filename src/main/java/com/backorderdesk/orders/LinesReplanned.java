package com.backorderdesk.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * Lines of an order changed when their SKUs were planned again: stock arrived or was
 * taken back, a window moved, a date appeared or went away. Stored as
 * {@code LINES_REPLANNED}; rows stored as {@code STATUS_CHANGED} or {@code ETA_CHANGED}
 * read as this too.
 *
 * @param reason what caused it
 * @param lines the lines whose state changed, by line id
 * @param note the planner's explanation for customers, if they gave one (a restock edit
 * or shift with a reason)
 */
public record LinesReplanned(ReplanReason reason, List<LineMove> lines,
		@Nullable String note) implements TimelineEvent {

	public LinesReplanned {
		lines = List.copyOf(lines);
	}

}
