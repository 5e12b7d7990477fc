package com.backorderdesk.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * A shipment left the warehouse with units of the order. Rows stored before shipments had
 * tracking read with none.
 *
 * @param shipmentId the shop's name for the shipment, unique within the order
 * @param lines what it holds, per line
 * @param carrier who carries it, if the warehouse said
 * @param trackingNumber the carrier's tracking number, if given
 * @param trackingUrl where the customer follows it, if given
 * @param shipPreferenceOverridden whether it was sent although it splits an order whose
 * customer chose to ship everything together
 */
public record ItemsShipped(String shipmentId, List<Item> lines, @Nullable String carrier,
		@Nullable String trackingNumber, @Nullable String trackingUrl,
		boolean shipPreferenceOverridden) implements TimelineEvent {

	public ItemsShipped {
		lines = List.copyOf(lines);
	}

	/**
	 * A shipment without tracking.
	 */
	public ItemsShipped(String shipmentId, List<Item> lines) {
		this(shipmentId, lines, null, null, null, false);
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
