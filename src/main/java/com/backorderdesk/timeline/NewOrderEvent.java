package com.backorderdesk.timeline;

/**
 * An event to append to an order's timeline.
 *
 * @param orderId the order
 * @param event what happened, a record registered with a {@link TimelineEventTypes} bean
 * @param actor who caused it ({@code api}, {@code customer}, {@code system}, a staff user
 * name)
 */
public record NewOrderEvent(long orderId, TimelineEvent event, String actor) {
}
