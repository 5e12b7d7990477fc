package com.backorderdesk.substitution;

import java.util.List;

import com.backorderdesk.timeline.TimelineEventType;
import com.backorderdesk.timeline.TimelineEventTypes;
import org.springframework.stereotype.Component;

/**
 * The timeline events substitution appends, with the names they are stored under.
 */
@Component
class SubstitutionEvents implements TimelineEventTypes {

	@Override
	public List<TimelineEventType> types() {
		return List.of(TimelineEventType.of("SUBSTITUTE_OFFERED", SubstituteOffered.class),
				TimelineEventType.of("SUBSTITUTE_ACCEPTED", SubstituteAccepted.class),
				TimelineEventType.of("SUBSTITUTE_DECLINED", SubstituteDeclined.class),
				TimelineEventType.of("SUBSTITUTE_EXPIRED", SubstituteExpired.class),
				TimelineEventType.of("SUBSTITUTE_WITHDRAWN", SubstituteWithdrawn.class),
				TimelineEventType.of("SUBSTITUTE_AVAILABILITY_CHANGED", SubstituteAvailabilityChanged.class));
	}

}
