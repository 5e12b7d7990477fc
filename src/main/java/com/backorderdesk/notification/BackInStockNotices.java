package com.backorderdesk.notification;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.orders.ReplanListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Tell me when it's back": one e-mail per request once a new order for the product would
 * be in stock, and the request ends. A product is back when its units on hand exceed all
 * open demand, held and waiting, the rule the product page shows: stock that arrives for
 * orders already waiting is theirs, and telling anyone else it is back would be a promise
 * the shop cannot keep.
 * <p>
 * The e-mails are queued in the transaction of the change that frees the stock, since
 * every change to stock or demand re-plans its SKUs and this hears of it. A periodic
 * sweep catches requests made at the very moment stock returned, which that transaction
 * could not see yet.
 */
@Component
class BackInStockNotices implements ReplanListener {

	/** Follows a {@code with waiting as (select distinct sku ...),} naming the SKUs. */
	private static final String QUEUE = """
			available as (
				select w.sku from waiting w join stock s on s.sku = w.sku
				where s.on_hand > (select coalesce(sum(l.quantity - l.shipped - l.cancelled), 0) from order_line l
					where l.sku = w.sku and l.shipped + l.cancelled < l.quantity)
			),
			ended as (
				update back_in_stock_request r set notified_at = :now
				from available a where r.sku = a.sku and r.notified_at is null
				returning r.id, r.sku, r.email
			)
			insert into mail_outbox (recipient, kind, model, dedup_key, next_attempt_at)
			select e.email, 'BACK_IN_STOCK', jsonb_build_object('sku', e.sku), 'back-in-stock:' || e.id, :now
			from ended e order by e.id
			on conflict (dedup_key) do nothing
			""";

	private final DatabaseClient db;

	private final Clock clock;

	BackInStockNotices(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/**
	 * Queues the e-mails that the re-planned SKUs' stock now calls for. The SKUs' stock
	 * rows are locked by the re-plan, so no other change to them runs at the same time.
	 */
	@Override
	public Mono<Void> replanned(List<String> skus) {
		return this.db.sql("""
				with waiting as (
					select distinct sku from back_in_stock_request where notified_at is null and sku = any(:skus)
				),
				""" + QUEUE).bind("skus", skus.toArray(String[]::new)).bind("now", this.clock.instant()).then();
	}

	/**
	 * Queues the e-mails for every product back in stock whose requests are still open.
	 * Instances sweeping at once end each request once: the second waits for the first's
	 * row lock and then finds it ended.
	 * @return how many were queued
	 */
	@Transactional
	Mono<Long> sweep() {
		return this.db.sql("""
				with waiting as (
					select distinct sku from back_in_stock_request where notified_at is null
				),
				""" + QUEUE).bind("now", this.clock.instant()).fetch().rowsUpdated();
	}

}
