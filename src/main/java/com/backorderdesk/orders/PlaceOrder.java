package com.backorderdesk.orders;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order to place.
 *
 * @param number the shop's order number, unique
 * @param customerEmail the customer's e-mail address
 * @param customerName the customer's name
 * @param lines what was ordered
 * @param placedAt when the customer placed it in the shop, if earlier than now; orders
 * waiting for the same SKU are served in this order
 * @param priority how soon it is served among orders waiting for the same SKU
 * @param locale the customer's language as a BCP 47 tag ({@code de}, {@code de-AT}), if
 * the shop knows it: pages and e-mails of the order are written in it when it is one we
 * write ({@code language.Languages})
 * @param shipPreference whether the customer chose at checkout to have everything shipped
 * together ({@link ShipPreference#SHIP_COMPLETE}); {@code null} for the default, ship
 * what is ready ({@link ShipPreference#SHIP_WHEN_READY})
 */
public record PlaceOrder(String number, String customerEmail, String customerName, List<Line> lines,
		@Nullable Instant placedAt, OrderPriority priority, @Nullable String locale,
		@Nullable ShipPreference shipPreference) {

	/**
	 * An order that ships what is ready, unless the customer changes it later.
	 */
	public PlaceOrder(String number, String customerEmail, String customerName, List<Line> lines,
			@Nullable Instant placedAt, OrderPriority priority, @Nullable String locale) {
		this(number, customerEmail, customerName, lines, placedAt, priority, locale, null);
	}

	public PlaceOrder(String number, String customerEmail, String customerName, List<Line> lines) {
		this(number, customerEmail, customerName, lines, null, OrderPriority.NORMAL, null, null);
	}

	public PlaceOrder(String number, String customerEmail, String customerName, List<Line> lines,
			@Nullable Instant placedAt) {
		this(number, customerEmail, customerName, lines, placedAt, OrderPriority.NORMAL, null, null);
	}

	public PlaceOrder {
		lines = List.copyOf(lines);
	}

	/**
	 * One ordered SKU.
	 *
	 * @param sku the SKU
	 * @param quantity units ordered
	 * @param unitPriceCents what the customer paid for one unit, in the product's
	 * currency's smallest unit; {@code null} for the product's price now
	 */
	public record Line(String sku, int quantity, @Nullable Long unitPriceCents) {

		/**
		 * A line at the product's price.
		 */
		public Line(String sku, int quantity) {
			this(sku, quantity, null);
		}

	}

}
