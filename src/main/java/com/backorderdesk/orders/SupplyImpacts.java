package com.backorderdesk.orders;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Measures what re-planned lines mean for customers, in one query however many orders
 * they touch.
 */
@Component
class SupplyImpacts {

	private final DatabaseClient db;

	SupplyImpacts(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Counts the lines, orders, customers and e-mails of a re-plan.
	 * @param changes the re-planned lines, as {@link Replanner} returns them
	 * @return the impact
	 */
	Mono<SupplyImpact> measure(List<LineChange> changes) {
		Map<Long, List<LineChange>> byOrder = new LinkedHashMap<>();
		changes.stream()
			.filter(LineChange::visible)
			.forEach((change) -> byOrder.computeIfAbsent(change.orderId(), (id) -> new ArrayList<>()).add(change));
		if (byOrder.isEmpty()) {
			return Mono.just(SupplyImpact.NONE);
		}
		int lines = byOrder.values().stream().mapToInt(List::size).sum();
		return this.db
			.sql("select id, lower(customer_email) as email, email_preference from customer_order where id = any(:ids)")
			.bind("ids", byOrder.keySet().toArray(Long[]::new))
			.map((row) -> new Customer(row.get("id", Long.class), row.get("email", String.class),
					EmailPreference.valueOf(row.get("email_preference", String.class))))
			.all()
			.collectList()
			.map((customers) -> {
				Set<String> emails = new HashSet<>();
				int mails = 0;
				for (Customer customer : customers) {
					emails.add(customer.email());
					if (sendsUpdateEmail(byOrder.get(customer.orderId()), customer.preference())) {
						mails++;
					}
				}
				return new SupplyImpact(lines, byOrder.size(), emails.size(), mails);
			});
	}

	/**
	 * Whether an order's re-planned lines send its customer an e-mail: when a delivery
	 * window moved and the customer wants every update. This is the rule the e-mail
	 * outbox queues window changes by (one e-mail per order, coalesced); at sending time
	 * it drops one whose net change is below its thresholds, so for a window moved
	 * earlier by less than those the count says at most.
	 * @param orderChanges the order's visibly changed lines
	 * @param preference the customer's e-mail preference
	 * @return whether one e-mail goes out for the order
	 */
	static boolean sendsUpdateEmail(List<LineChange> orderChanges, EmailPreference preference) {
		return preference == EmailPreference.EVERY_UPDATE && orderChanges.stream().anyMatch(LineChange::etaChanged);
	}

	private record Customer(long orderId, String email, EmailPreference preference) {
	}

}
