package com.backorderdesk.notification;

import java.time.Clock;
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
