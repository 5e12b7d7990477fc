package com.backorderdesk.orders;

/**
 * Units of a line that left the warehouse, as {@link ShipmentListener#linesShipped} hears
 * of them.
 *
 * @param orderId the line's order
 * @param lineId the line
 * @param sku the SKU
 * @param quantity units shipped now
 * @param openAfter units of the line still open after this shipment; 0 when the line is
 * done
 */
public record ShippedLine(long orderId, long lineId, String sku, int quantity, int openAfter) {
}
