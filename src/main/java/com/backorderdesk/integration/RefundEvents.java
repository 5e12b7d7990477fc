package com.backorderdesk.integration;

import java.util.List;

import com.backorderdesk.timeline.TimelineEventType;
import com.backorderdesk.timeline.TimelineEventTypes;
import org.springframework.stereotype.Component;

/**
 * The timeline events this module appends, with the names they are stored under.
 */
@Component
class RefundEvents implements TimelineEventTypes {

	@Override
	public List<TimelineEventType> types() {
		return List.of(TimelineEventType.of("REFUND_PAID", RefundPaid.class));
	}

}
