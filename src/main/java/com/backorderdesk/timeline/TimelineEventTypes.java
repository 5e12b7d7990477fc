package com.backorderdesk.timeline;

import java.util.List;

/**
 * The timeline events one module appends. Each module that appends order events declares
 * one bean of this type, so the timeline can store and read its records without depending
 * on the module.
 */
public interface TimelineEventTypes {

	/**
	 * The module's kinds of event.
	 * @return the kinds, each with its stored name
	 */
	List<TimelineEventType> types();

}
