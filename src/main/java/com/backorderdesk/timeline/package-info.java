/**
 * The order timeline: append-only order events and their fan-out to live subscribers.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.timeline;
