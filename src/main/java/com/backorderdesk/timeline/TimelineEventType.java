package com.backorderdesk.timeline;

import java.util.Set;

/**
 * A kind of timeline event: the record it is read into and the name it is stored under.
 *
 * @param name the name stored in {@code order_event.type}, such as
 * {@code LINES_REPLANNED}
 * @param type the record
 * @param aliases older names whose stored rows are read into the same record
 */
public record TimelineEventType(String name, Class<? extends TimelineEvent> type, Set<String> aliases) {

	public TimelineEventType {
		aliases = Set.copyOf(aliases);
	}

	/**
	 * A kind of event.
	 * @param name the name it is stored under
	 * @param type the record
	 * @param aliases older names it is also read from
	 * @return the kind
	 */
	public static TimelineEventType of(String name, Class<? extends TimelineEvent> type, String... aliases) {
		return new TimelineEventType(name, type, Set.of(aliases));
	}

}
