package com.backorderdesk.orders;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A shipment of an order, as recorded.
 *
 * @param shipmentId the shop's name for it
 * @param shippedAt when it was recorded
 * @param items what it held, per line
 * @param carrier who carries it, if known
 * @param trackingNumber the carrier's tracking number, if known
 * @param trackingUrl where to follow it, if known: an absolute http(s) address
 * @param shipPreferenceOverridden whether it split an order its customer wanted shipped
 * complete
 */
public record ShipmentView(String shipmentId, Instant shippedAt, List<ItemsShipped.Item> items,
		@Nullable String carrier, @Nullable String trackingNumber, @Nullable String trackingUrl,
		boolean shipPreferenceOverridden) {

	public ShipmentView {
		items = List.copyOf(items);
	}

}
