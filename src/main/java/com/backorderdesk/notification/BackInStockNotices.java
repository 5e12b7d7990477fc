package com.backorderdesk.notification;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.orders.ReplanListener;
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

	private final Outbox outbox;

	private final Clock clock;

	BackInStockNotices(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Queues the e-mails that the re-planned SKUs' stock now calls for. The SKUs' stock
	 * rows are locked by the re-plan, so no other change to them runs at the same time.
	 */
	@Override
	public Mono<Void> replanned(List<String> skus) {
		return this.outbox.queueBackInStock(skus, this.clock.instant()).then();
	}

	/**
	 * Queues the e-mails for every product back in stock whose requests are still open.
	 * Instances sweeping at once end each request once: the second waits for the first's
	 * row lock and then finds it ended.
	 * @return how many were queued
	 */
	@Transactional
	Mono<Long> sweep() {
		return this.outbox.queueBackInStock(null, this.clock.instant());
	}

}
