package com.backorderdesk.orders;

import java.util.List;

import com.backorderdesk.timeline.TimelineEventType;
import com.backorderdesk.timeline.TimelineEventTypes;
import org.springframework.stereotype.Component;

/**
 * The timeline events orders appends, with the names they are stored under and the older
 * names they are read from.
 */
@Component
class OrderEvents implements TimelineEventTypes {

	@Override
	public List<TimelineEventType> types() {
		return List.of(TimelineEventType.of("ORDER_PLACED", OrderPlaced.class),
				TimelineEventType.of("LINES_REPLANNED", LinesReplanned.class, "STATUS_CHANGED", "ETA_CHANGED"),
				TimelineEventType.of("ITEM_CANCELLED", ItemCancelled.class),
				TimelineEventType.of("ITEMS_SHIPPED", ItemsShipped.class),
				TimelineEventType.of("SHIP_PREFERENCE_CHANGED", ShipPreferenceChanged.class),
				TimelineEventType.of("EMAIL_PREFERENCE_CHANGED", EmailPreferenceChanged.class),
				TimelineEventType.of("DELAY_NOTICED", DelayNoticed.class, "DELAY_NOTICE"),
				TimelineEventType.of("DELAY_WAIT_CONFIRMED", WaitConfirmed.class),
				TimelineEventType.of("LINKS_REVOKED", LinksRevoked.class));
	}

}
