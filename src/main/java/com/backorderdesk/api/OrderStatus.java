package com.backorderdesk.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderPriority;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreference;

/**
 * An order's status as the API shows it.
 *
 * @param number the shop's order number
 * @param placedAt when it was placed
 * @param customer who placed it
 * @param shipPreference ship what is ready now, or everything together
 * @param priority how soon it is served among orders waiting for the same SKU
 * @param updatedAt when the order or one of its lines last changed
 * @param lines the lines
 * @param locale the language the customer's pages and e-mails are written in (a BCP 47
 * tag of a language the shop writes), or {@code null} when the order has none
 */
record OrderStatus(String number, Instant placedAt, Customer customer, ShipPreference shipPreference,
		OrderPriority priority, Instant updatedAt, List<Line> lines, @Nullable String locale) {

	/**
	 * The API's view of an order.
	 * @param order the order
	 * @param wording words each line's state as the customer's page and e-mails do
	 * @return the status
	 */
	static OrderStatus of(OrderView order, LineWording wording) {
		return new OrderStatus(order.number(), order.placedAt(),
				new Customer(order.customerEmail(), order.customerName()), order.shipPreference(), order.priority(),
				order.updatedAt(), order.lines().stream().map((line) -> Line.of(order, line, wording)).toList(),
				(order.locale() != null) ? order.locale().toLanguageTag() : null);
	}

	record Customer(String email, String name) {
	}

	/**
	 * One line.
	 *
	 * @param sku the SKU
	 * @param quantity units ordered
	 * @param unitPriceCents the price paid per unit, in cents (what a refund gives back)
	 * @param currency the price's ISO 4217 code
	 * @param allocated units held from stock
	 * @param scheduled units a restock covers
	 * @param unscheduled units without a date
	 * @param shipped units shipped
	 * @param cancelled units cancelled
	 * @param status the line's status
	 * @param statusText the status in the words the customer reads on the order page and
	 * in e-mails, in English (an order shipped complete says so)
	 * @param eta the scheduled units' delivery window, shop-zone dates
	 */
	record Line(String sku, int quantity, long unitPriceCents, String currency, int allocated, int scheduled,
			int unscheduled, int shipped, int cancelled, int notOrderable, LineStatus status, String statusText,
			@Schema(types = {
					"object", "null" },
					description = "The scheduled units' delivery window (shop-zone dates); null when none are scheduled") @Nullable EtaWindow eta){

		static Line of(OrderView order, OrderLineView line, LineWording wording) {
			return new Line(line.sku(), line.quantity(), line.unitPriceCents(), line.currency(), line.allocated(),
					line.scheduled(), line.unscheduled(), line.shipped(), line.cancelled(), line.notOrderable(),
					line.status(), wording.describe(order, line, null, Locale.ENGLISH), line.eta());
		}

	}

}
