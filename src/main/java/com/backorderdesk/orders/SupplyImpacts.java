package com.backorderdesk.orders;

import java.util.HashSet;
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
	 * Counts the lines, orders and customers of a re-plan, and lists every changed line
	 * with its order.
	 * @param changes the re-planned lines, as {@link Replanner} returns them
	 * @return the impact
	 */
	Mono<SupplyImpact> measure(List<LineChange> changes) {
		List<LineChange> visible = changes.stream().filter(LineChange::visible).toList();
		if (visible.isEmpty()) {
			return Mono.just(SupplyImpact.NONE);
		}
		Long[] orderIds = visible.stream().map(LineChange::orderId).distinct().toArray(Long[]::new);
		return this.db.sql(
				"select id, number, customer_name, lower(customer_email) as email from customer_order where id = any(:ids)")
			.bind("ids", orderIds)
			.map((row) -> new Customer(row.get("id", Long.class), row.get("number", String.class),
					row.get("customer_name", String.class), row.get("email", String.class)))
			.all()
			.collectMap(Customer::orderId)
			.map((customers) -> {
				Set<String> emails = new HashSet<>();
				customers.values().forEach((customer) -> emails.add(customer.email()));
				List<SupplyImpact.MovedLine> moves = visible.stream()
					.sorted((a, b) -> (a.orderId() != b.orderId()) ? Long.compare(a.orderId(), b.orderId())
							: Long.compare(a.lineId(), b.lineId()))
					.map((change) -> moved(change, customers))
					.toList();
				return new SupplyImpact(visible.size(), orderIds.length, emails.size(), moves);
			});
	}

	private static SupplyImpact.MovedLine moved(LineChange change, Map<Long, Customer> customers) {
		Customer customer = customers.get(change.orderId());
		return new SupplyImpact.MovedLine(change.orderId(), (customer != null) ? customer.number() : "",
				(customer != null) ? customer.name() : "",
				new LineMove(change.lineId(), change.sku(), change.before(), change.after()));
	}

	private record Customer(long orderId, String number, String name, String email) {
	}

}
