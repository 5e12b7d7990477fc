package com.backorderdesk.orders;

import java.util.List;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * A shipment left the warehouse with units of the order.
 *
 * @param shipmentId the shop's name for the shipment, unique within the order
 * @param lines what it holds, per line
 */
public record ItemsShipped(String shipmentId, List<Item> lines) implements TimelineEvent {

	public ItemsShipped {
		lines = List.copyOf(lines);
	}

	/**
	 * Units of one line in the shipment.
	 *
	 * @param lineId the line
	 * @param sku its SKU
	 * @param quantity units shipped
	 */
	public record Item(long lineId, String sku, int quantity) {
	}

}
