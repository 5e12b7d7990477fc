package com.backorderdesk.timeline;

import java.util.Map;

/**
 * An event to append to an order's timeline.
 *
 * @param orderId the order
 * @param type what happened ({@code ORDER_PLACED}, {@code ETA_CHANGED}, ...)
 * @param payload the details, stored as JSON
 * @param actor who caused it ({@code api}, {@code customer}, a staff user name)
 */
public record NewOrderEvent(long orderId, String type, Map<String, ?> payload, String actor) {
}
