package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails that no single change calls for, found by looking: substitute offers about to
 * expire, and customers who have heard nothing for a while. Queued as the order's next
 * e-mail, whose composer adds the reminder once per offer; instances running it at once
 * join the same pending row.
 */
@Component
class MailJobs {

	private static final int BATCH = 1000;

	private final Outbox outbox;

	private final MailSettings settings;

	private final Clock clock;

	MailJobs(Outbox outbox, MailSettings settings, Clock clock) {
		this.outbox = outbox;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Queues a "still waiting" e-mail for orders with waiting items whose customer wants
	 * every update and heard nothing for {@code still-waiting-every}; nothing when that
	 * setting is off. Each is told once per quiet period: sending it is news.
	 * @return how many were queued or joined
	 */
	@Transactional
	Mono<Long> stillWaiting() {
		Duration every = this.settings.stillWaitingEvery();
		if (every == null) {
			return Mono.just(0L);
		}
		Instant now = this.clock.instant();
		return this.outbox.queueStillWaiting(now, now.minus(every), BATCH);
	}

	/**
	 * Queues an e-mail for orders with open, available offers that expire within the
	 * reminder period and were not reminded of yet; an offer made for less than the
	 * reminder period gets no reminder.
	 * @return how many were queued or joined
	 */
	@Transactional
	Mono<Long> offerReminders() {
		Instant now = this.clock.instant();
		return this.outbox.queueOfferReminders(now, now.plus(this.settings.offerReminderBefore()),
				this.settings.offerReminderBefore(), BATCH);
	}

}
