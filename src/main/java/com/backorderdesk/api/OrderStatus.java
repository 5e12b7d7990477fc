package com.backorderdesk.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreference;

/**
 * An order's status as the API shows it.
 *
 * @param number the shop's order number
 * @param placedAt when it was placed
 * @param customer who placed it
 * @param shipPreference ship what is ready now, or everything together
 * @param lines the lines
 */
record OrderStatus(String number, Instant placedAt, Customer customer, ShipPreference shipPreference,
		List<Line> lines) {

	static OrderStatus of(OrderView order) {
		return new OrderStatus(order.number(), order.placedAt(),
				new Customer(order.customerEmail(), order.customerName()), order.shipPreference(),
				order.lines().stream().map(Line::of).toList());
	}

	record Customer(String email, String name) {
	}

	record Line(String sku, int quantity, int allocated, int scheduled, int unscheduled, int shipped, int cancelled,
			LineStatus status, @Nullable EtaWindow eta) {

		static Line of(OrderLineView line) {
			return new Line(line.sku(), line.quantity(), line.allocated(), line.scheduled(), line.unscheduled(),
					line.shipped(), line.cancelled(), line.status(), line.eta());
		}

	}

}
