package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The outbox as staff see it: every order's e-mails with their state, the e-mails that
 * could not be sent after every attempt, and a way to try them again once the cause is
 * fixed.
 */
@Service
public class MailOutbox {

	private static final int MAX_LISTED = 500;

	private final Outbox outbox;

	private final Clock clock;

	MailOutbox(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * The dead e-mails, newest first.
	 * @param limit how many at most (up to 500)
	 * @return the dead e-mails
	 */
	public Mono<List<DeadMail>> dead(int limit) {
		return this.outbox.dead(Math.max(1, Math.min(limit, MAX_LISTED))).collectList();
	}

	/**
	 * The e-mails of orders, for staff to see what each customer was sent and when, what
	 * is still waiting, and why an e-mail was skipped.
	 * @param text part of an order number (1001 finds BO-1001) or of an e-mail address,
	 * any case; blank for the orders most recently written to
	 * @param orders how many orders at most (up to 200)
	 * @return every outbox row of those orders, the latest order first, each order's
	 * newest row first
	 */
	public Mono<List<OutboxMail>> history(String text, int orders) {
		return this.outbox.history(text, Math.max(1, Math.min(orders, 200))).collectList();
	}

	/**
	 * How the outbox stands: what waits, what is being sent, what went out in the last
	 * day, and what is dead.
	 * @return the counts
	 */
	public Mono<OutboxCounts> counts() {
		return this.outbox.counts(this.clock.instant().minus(Duration.ofDays(1)));
	}

	/**
	 * Sends the customer an e-mail that tells where every item of the order stands now,
	 * with its links, to the order's current address (a customer who lost an e-mail, or
	 * corrected a typo in the address). Ignores the e-mail preference: staff send it
	 * because the customer asked. It joins the order's pending e-mail, if any, and is due
	 * at once.
	 * @param orderId the order
	 * @return completion
	 */
	public Mono<Void> resendStatus(long orderId) {
		Instant now = this.clock.instant();
		return this.outbox
			.queueOrders(
					List.of(new Outbox.OrderMail(orderId, now, "resend:" + orderId + ":" + now.toEpochMilli(), true)))
			.then();
	}

	/**
	 * Makes a dead e-mail due again, with a fresh count of attempts.
	 * @param id the outbox row
	 * @return completion; {@link NotFoundException} when there is no such dead e-mail
	 */
	public Mono<Void> retry(long id) {
		return this.outbox.retry(id, this.clock.instant())
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("id", "No dead e-mail with id " + id)))
			.then();
	}

}
