package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The outbox as staff see it: e-mails that could not be sent after every attempt, and a
 * way to try them again once the cause is fixed.
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
	 * How the outbox stands: what waits, what is being sent, what went out in the last
	 * day, and what is dead.
	 * @return the counts
	 */
	public Mono<OutboxCounts> counts() {
		return this.outbox.counts(this.clock.instant().minus(Duration.ofDays(1)));
	}

	/**
	 * Sends the newest e-mail about an order again, as a new message, to the order's
	 * current address (a customer who lost it, or corrected a typo in it). Ignores the
	 * e-mail preference: staff send it because the customer asked.
	 * @param orderId the order
	 * @return the kind of e-mail queued, or empty when no e-mail about the order was sent
	 * yet
	 */
	public Mono<MailKind> resendLatest(long orderId) {
		return this.outbox.resendLatest(orderId, this.clock.instant());
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
