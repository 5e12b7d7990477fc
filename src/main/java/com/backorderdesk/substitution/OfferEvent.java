package com.backorderdesk.substitution;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * A timeline event about a substitute offer: made, answered, expired, withdrawn, or its
 * substitute's availability changed. Every such record names its offer.
 */
public interface OfferEvent extends TimelineEvent {

	/**
	 * The offer the event is about.
	 * @return its id
	 */
	long offerId();

}
