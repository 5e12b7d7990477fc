package com.backorderdesk.orders;

import java.time.LocalDate;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What changes orders without anyone doing anything: the passing of days. An overdue
 * restock's window counts from today, so each day it is late its lines are planned again
 * (and delayed, by the rule of {@link DelayNotices}); a line ordered without a date is
 * delayed when its {@code undated-days} pass; and a delay that needed the customer's
 * answer cancels the line when the answer did not come. Each step is its own transaction,
 * so several instances can run them at once.
 */
@Service
public class OrderJobs {

	private static final String ACTOR = "system";

	private static final int STALE_SKUS = 500;

	private final DatabaseClient db;

	private final Replans replans;

	private final DelayNotices delays;

	private final OrderChoices choices;

	private final EtaSettings eta;

	private final TransactionalOperator transactions;

	OrderJobs(DatabaseClient db, Replans replans, DelayNotices delays, OrderChoices choices, EtaSettings eta,
			ReactiveTransactionManager transactions) {
		this.db = db;
		this.replans = replans;
		this.delays = delays;
		this.choices = choices;
		this.eta = eta;
		this.transactions = TransactionalOperator.create(transactions);
	}

	/**
	 * Runs every check once.
	 * @return how many lines each step changed, in order: re-planned, noticed, cancelled
	 */
	public Flux<Integer> run() {
		return Flux.concat(replanOverdue(), this.delays.noticeDue(),
				this.transactions.transactional(this.delays.cancelUnanswered(this.choices::cancelWaiting)));
	}

	/**
	 * Plans again the SKUs of lines whose window was counted from an overdue restock's
	 * date before today, so the window moves on with the days and, once past the promise,
	 * the customer gets a delay notice.
	 * @return how many lines changed
	 */
	public Mono<Integer> replanOverdue() {
		return this.db.sql("""
				select distinct l.sku from order_line l join restock r on r.id = l.restock_id
				where l.shipped + l.cancelled < l.quantity and l.scheduled > 0
					and r.status not in ('RECEIVED', 'CANCELLED') and r.expected_on < :today
					and l.eta_earliest < :today + :days
				order by l.sku limit :limit
				""")
			.bind("today", LocalDate.now(this.replans.clock()))
			.bind("days", this.eta.handlingDays() + this.eta.shippingDays())
			.bind("limit", STALE_SKUS)
			.map((row) -> row.get("sku", String.class))
			.all()
			.collectList()
			.flatMap((skus) -> skus.isEmpty() ? Mono.just(List.<LineChange>of())
					: this.replans.replan(skus, Replans.Change.of(ReplanReason.TIME_PASSED, ACTOR)))
			.map((changes) -> (int) changes.stream().filter(LineChange::visible).count())
			.as(this.transactions::transactional);
	}

}
