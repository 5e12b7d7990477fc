package com.backorderdesk.orders;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An order with its lines.
 *
 * @param id the order's id
 * @param number the shop's order number
 * @param customerEmail the customer's e-mail address
 * @param customerName the customer's name
 * @param placedAt when it was placed
 * @param shipPreference ship what is ready now, or everything together
 * @param emailPreference which changes the customer is e-mailed about
 * @param version optimistic lock version
 * @param linkRevision the revision signed links and access grants must carry; raised when
 * staff revoke the customer's links
 * @param priority how soon it is served among orders waiting for the same SKU
 * @param updatedAt when the order or one of its lines last changed
 * @param lines the lines, in order
 * @param locale the language the customer reads the order in, one the shop writes; null
 * when the shop did not say (pages then follow the browser, e-mails are in the default
 * language)
 */
public record OrderView(long id, String number, String customerEmail, String customerName, Instant placedAt,
		ShipPreference shipPreference, EmailPreference emailPreference, long version, int linkRevision,
		OrderPriority priority, Instant updatedAt, List<OrderLineView> lines, @Nullable Locale locale) {

	public OrderView {
		lines = List.copyOf(lines);
	}

}
