package com.backorderdesk.orders;

import java.util.List;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * An order was placed: what each line got, from stock, from a restock or not at all.
 *
 * @param lines every line, with no state before
 */
public record OrderPlaced(List<LineMove> lines) implements TimelineEvent {

	public OrderPlaced {
		lines = List.copyOf(lines);
	}

}
