package com.backorderdesk.timeline;

/**
 * An event after which customers' access to the order granted at an earlier link revision
 * no longer counts: staff revoked the order's links, which ends the access that links and
 * lookups opened before. Live pages end the streams such access opened, on every
 * instance, when the event is published ({@link LivePages}); the listener reads these
 * records from their JSON for its listeners, which it does for no other kind.
 */
public interface AccessRevoked extends TimelineEvent {

	/**
	 * The order's link revision after the change: access granted at a lower one ends.
	 * @return the revision
	 */
	int linkRevision();

}
