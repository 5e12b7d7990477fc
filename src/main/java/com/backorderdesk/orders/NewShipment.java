package com.backorderdesk.orders;

import java.util.List;

/**
 * Units of an order that left the warehouse.
 *
 * @param shipmentId the client's name for the shipment, unique per order: recording it
 * again ships nothing more
 * @param lines what shipped, one entry per SKU
 */
public record NewShipment(String shipmentId, List<Line> lines) {

	public NewShipment {
		lines = List.copyOf(lines);
	}

	/**
	 * Units of one SKU that shipped.
	 *
	 * @param sku the SKU, on the order
	 * @param quantity units, at most what the order's lines of the SKU hold from stock
	 */
	public record Line(String sku, int quantity) {
	}

}
