package com.backorderdesk.timeline;

/**
 * What happened to an order, as a typed record of the module that appends it
 * ({@code orders.LinesReplanned}, {@code substitution.SubstituteOffered}, ...). Stored as
 * JSON in {@code order_event.payload} under the name its module registers with a
 * {@link TimelineEventTypes} bean, and read back into the same record by the timeline
 * alone, so every reader switches on the record type and never on JSON.
 *
 * <p>
 * The interface cannot be {@code sealed}: the records live in other packages of an
 * unnamed module. A test checks instead that every implementation is registered.
 */
public interface TimelineEvent {

}
