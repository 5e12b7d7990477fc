package com.backorderdesk.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.Backoff;
import org.springframework.stereotype.Component;

/**
 * Claims due deliveries and sends each on its own: a claim round never waits for a send,
 * so an endpoint that is slow or down holds only its own deliveries (at most
 * {@code per-endpoint-concurrency} of them at once, over every instance), never another
 * endpoint's, and never e-mail, which has its own dispatcher and scheduler. Each attempt
 * is logged with its status code; a delivery answered 2xx is delivered, any other answer
 * or none is tried again with exponential backoff and jitter, and dead after the last
 * attempt.
 *
 * <p>
 * A delivery is sent twice only when an instance dies between sending it and recording
 * the answer (its lease then runs out and another instance sends it again, with the same
 * {@code webhook-id}, which receivers use to drop repeats).
 */
@Component
class WebhookDispatcher {

	private final WebhookStore store;

	private final WebhookSender sender;

	private final WebhookSettings settings;

	private final Clock clock;

	WebhookDispatcher(WebhookStore store, WebhookSender sender, WebhookSettings settings, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Claims what is due now.
	 * @return the deliveries claimed, each to be sent with {@link #deliver}
	 */
	Mono<List<WebhookStore.ClaimedDelivery>> claim() {
		Instant now = this.clock.instant();
		return this.store.claim(now, now.plus(this.settings.lease()), this.settings.perEndpointConcurrency(),
				this.settings.batchSize());
	}

	/**
	 * Sends one claimed delivery and records what came of it.
	 * @param delivery the delivery
	 * @return completion; an error only when the outcome could not be recorded (the lease
	 * then makes it due again)
	 */
	Mono<Void> deliver(WebhookStore.ClaimedDelivery delivery) {
		return this.sender.send(delivery).flatMap((outcome) -> {
			String status;
			Instant next = outcome.attemptedAt();
			if (outcome.delivered()) {
				status = "DELIVERED";
			}
			else if (delivery.attempts() >= this.settings.maxAttempts()) {
				status = "DEAD";
			}
			else {
				status = "PENDING";
				next = this.clock.instant().plus(backoff(delivery.attempts()));
			}
			return this.store.recordAttempt(delivery.id(), outcome.attemptedAt(), outcome.statusCode(), outcome.error(),
					outcome.durationMillis(), status, next);
		});
	}

	/**
	 * Exponential backoff with "equal jitter" ({@link Backoff}), so deliveries that
	 * failed together (an endpoint that was down) do not all come back at once.
	 * @param attempts attempts made so far, at least 1
	 * @return the wait before the next
	 */
	Duration backoff(int attempts) {
		return Backoff.after(attempts, this.settings.retryBase(), this.settings.retryMax());
	}

}
