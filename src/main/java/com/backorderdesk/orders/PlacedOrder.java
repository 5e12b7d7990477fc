package com.backorderdesk.orders;

/**
 * The outcome of placing an order.
 *
 * @param order the order as stored
 * @param created {@code false} when an order with that number already existed and was
 * returned unchanged
 */
public record PlacedOrder(OrderView order, boolean created) {
}
