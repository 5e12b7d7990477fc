package com.backorderdesk.notification;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.RepeatedFailures;
import com.backorderdesk.timeline.OrderEventStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher on every instance: every {@code dispatch-interval}, and at once
 * when this instance reads a committed order event (the e-mail it calls for was committed
 * with it), so mail leaves within moments of the change. Wake-ups that come while it is
 * sending are coalesced into one more round. The job that looks for offers to remind of,
 * and the sweep for back-in-stock requests that came in as stock returned, run every
 * {@code jobs-interval}; {@code backorder.mail.scheduled=false} turns all of it off on an
 * instance that should not send.
 */
@Component
@ConditionalOnBooleanProperty(name = "backorder.mail.scheduled", matchIfMissing = true)
class MailScheduling implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MailScheduling.class);

	private static final Duration RESUBSCRIBE = Duration.ofSeconds(1);

	private final MailDispatcher dispatcher;

	private final MailJobs jobs;

	private final BackInStockNotices backInStock;

	private final OrderEventStream events;

	private final MailSettings settings;

	private final RepeatedFailures dispatches = new RepeatedFailures(logger, "E-mail dispatch");

	private final RepeatedFailures jobRuns = new RepeatedFailures(logger, "E-mail jobs");

	private volatile @Nullable Disposable running;

	MailScheduling(MailDispatcher dispatcher, MailJobs jobs, BackInStockNotices backInStock, OrderEventStream events,
			MailSettings settings) {
		this.dispatcher = dispatcher;
		this.jobs = jobs;
		this.backInStock = backInStock;
		this.events = events;
		this.settings = settings;
	}

	@Override
	public void start() {
		// only a wake-up: no event is read for it
		Flux<Object> committed = this.events.commits()
			.map(Object.class::cast)
			.onErrorResume((ex) -> Mono.empty())
			.repeatWhen((ended) -> ended.delayElements(RESUBSCRIBE));
		Flux<Integer> dispatching = Flux
			.merge(Flux.interval(Duration.ZERO, this.settings.dispatchInterval()), committed)
			.onBackpressureLatest()
			.concatMap((wakeUp) -> this.dispatches.attempt(this.dispatcher.dispatchDue()), 0);
		Flux<Object> looking = Flux.interval(this.settings.jobsInterval(), this.settings.jobsInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> this.jobRuns
				.attempt(Flux.concat(this.backInStock.sweep(), this.jobs.offerReminders(), this.jobs.stillWaiting())),
					0);
		this.running = Flux.merge(dispatching, looking).subscribe();
	}

	@Override
	public void stop() {
		Disposable subscription = this.running;
		this.running = null;
		if (subscription != null) {
			subscription.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
