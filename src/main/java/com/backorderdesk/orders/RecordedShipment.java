package com.backorderdesk.orders;

/**
 * The outcome of recording a shipment.
 *
 * @param order the order after the shipment
 * @param created {@code false} when the order already had a shipment of that id, and
 * nothing shipped now
 */
public record RecordedShipment(OrderView order, boolean created) {
}
