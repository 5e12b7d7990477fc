package com.backorderdesk.integration;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.RepeatedFailures;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the webhook dispatcher on every instance, on a scheduler of its own (not the mail
 * dispatcher's): a claim round every {@code poll-interval}, and one more at once whenever
 * a delivery ends, so that an order's next message follows its previous one without
 * waiting for the next tick. Wake-ups that come while a round runs are coalesced into one
 * more round. {@code backorder.webhooks.scheduled=false} turns it off on an instance that
 * should not send.
 */
@Component
@ConditionalOnBooleanProperty(name = "backorder.webhooks.scheduled", matchIfMissing = true)
class WebhookScheduling implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WebhookScheduling.class);

	private final WebhookDispatcher dispatcher;

	private final WebhookSettings settings;

	/**
	 * Deliveries in flight on one instance at most; the claim keeps each endpoint to its
	 * own share of them.
	 */
	private static final int MAX_IN_FLIGHT = 1024;

	private final RepeatedFailures claims = new RepeatedFailures(logger, "Webhook dispatch");

	private final Sinks.Many<Boolean> ended = Sinks.many().multicast().directBestEffort();

	private volatile @Nullable Scheduler scheduler;

	private volatile @Nullable Disposable running;

	WebhookScheduling(WebhookDispatcher dispatcher, WebhookSettings settings) {
		this.dispatcher = dispatcher;
		this.settings = settings;
	}

	@Override
	public void start() {
		Scheduler own = Schedulers.newSingle("webhook-dispatcher", true);
		Flux<Object> wakeUps = Flux.merge(Flux.interval(Duration.ZERO, this.settings.pollInterval(), own),
				this.ended.asFlux());
		// a round only claims: the sends it starts run on their own, and end with a
		// wake-up
		this.running = wakeUps.onBackpressureLatest()
			.concatMap((wakeUp) -> this.claims.attempt(this.dispatcher.claim()), 0)
			.flatMapIterable((claimed) -> claimed)
			.flatMap((delivery) -> this.dispatcher.deliver(delivery)
				.onErrorResume((ex) -> failed("Webhook delivery " + delivery.id() + " not recorded", ex))
				.doFinally((signal) -> this.ended.tryEmitNext(Boolean.TRUE)), MAX_IN_FLIGHT)
			.subscribe();
		this.scheduler = own;
	}

	private static <T> Mono<T> failed(String message, Throwable ex) {
		logger.warn(message + ": " + ex.getMessage());
		return Mono.empty();
	}

	@Override
	public void stop() {
		Disposable sending = this.running;
		this.running = null;
		if (sending != null) {
			sending.dispose();
		}
		Scheduler own = this.scheduler;
		this.scheduler = null;
		if (own != null) {
			own.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
