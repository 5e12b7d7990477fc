package com.backorderdesk.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Units of an order that left the warehouse.
 *
 * @param shipmentId the client's name for the shipment, unique per order: recording it
 * again ships nothing more
 * @param lines what shipped, one entry per SKU
 * @param tracking how to follow it, when the warehouse says
 * @param overrideShipPreference ship it even though it splits an order whose customer
 * chose to ship everything together (audited)
 */
public record NewShipment(String shipmentId, List<Line> lines, @Nullable Tracking tracking,
		boolean overrideShipPreference) {

	public NewShipment {
		lines = List.copyOf(lines);
	}

	/**
	 * A shipment without tracking that respects the customer's ship preference.
	 */
	public NewShipment(String shipmentId, List<Line> lines) {
		this(shipmentId, lines, null, false);
	}

	/**
	 * Units of one SKU that shipped.
	 *
	 * @param sku the SKU, on the order
	 * @param quantity units, at most what the order's lines of the SKU hold from stock
	 */
	public record Line(String sku, int quantity) {
	}

	/**
	 * How a shipment can be followed; any part may be missing.
	 *
	 * @param carrier who carries it ("DHL"), 1 to 100 characters
	 * @param number the carrier's tracking number, 1 to 100 characters
	 * @param url where the customer follows it: an absolute {@code https} (or
	 * {@code http}) address of at most 2,000 characters
	 */
	public record Tracking(@Nullable String carrier, @Nullable String number, @Nullable String url) {

		/**
		 * Tracking from optional parts.
		 * @return the tracking, or {@code null} when no part is given
		 */
		public static @Nullable Tracking of(@Nullable String carrier, @Nullable String number, @Nullable String url) {
			return (carrier == null && number == null && url == null) ? null : new Tracking(carrier, number, url);
		}

	}

}
