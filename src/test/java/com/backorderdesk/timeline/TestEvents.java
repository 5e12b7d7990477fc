package com.backorderdesk.timeline;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * A timeline event of the tests' own, registered like a module's: timeline tests append
 * it without depending on any module that appends real ones. A component of the test
 * sources, so every test application context has it.
 */
@Component
class TestEvents implements TimelineEventTypes {

	@Override
	public List<TimelineEventType> types() {
		return List.of(TimelineEventType.of("TEST_EVENT", Noted.class));
	}

	/**
	 * Something a test wrote down.
	 *
	 * @param note what
	 */
	record Noted(String note) implements TimelineEvent {
	}

}
