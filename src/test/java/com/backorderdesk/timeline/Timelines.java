package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Orders and events for timeline tests, written through an application context the way
 * the services write them.
 */
final class Timelines {

	/**
	 * How long a test waits for database work or for events to arrive: what a loaded
	 * 2-core box may take, including a listener's reconnect after its connection was
	 * killed.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final DatabaseClient db;

	private final OrderEventLog log;

	private final TransactionalOperator transactions;

	Timelines(ApplicationContext context) {
		this.db = context.getBean(DatabaseClient.class);
		this.log = context.getBean(OrderEventLog.class);
		this.transactions = context.getBean(TransactionalOperator.class);
	}

	long newOrder() {
		String number = "TL-" + UUID.randomUUID();
		return this.db.sql("""
				insert into customer_order (number, customer_email, customer_name)
				values (:number, 'timeline@example.com', 'Timeline Test') returning id
				""").bind("number", number).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
	}

	/** Appends an event in a transaction that commits; returns its id. */
	long commit(long orderId, String type) {
		return this.transactions.transactional(this.log.append(event(orderId, type))).block(TIMEOUT);
	}

	/** Appends an event in a transaction that rolls back. */
	void rollBack(long orderId, String type) {
		this.transactions.execute((status) -> {
			status.setRollbackOnly();
			return this.log.append(event(orderId, type));
		}).then().block(TIMEOUT);
	}

	List<Long> ids(long orderId) {
		return this.db.sql("select id from order_event where order_id = :orderId order by id")
			.bind("orderId", orderId)
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block(TIMEOUT);
	}

	private static NewOrderEvent event(long orderId, String note) {
		return new NewOrderEvent(orderId, new TestEvents.Noted(note), "test");
	}

}
