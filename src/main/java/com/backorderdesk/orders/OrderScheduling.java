package com.backorderdesk.orders;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import com.backorderdesk.RepeatedFailures;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link OrderJobs} every {@code backorder.delay-notices.check-interval} on every
 * instance; {@code backorder.orders.scheduled=false} turns it off.
 */
@Component
@ConditionalOnBooleanProperty(name = "backorder.orders.scheduled", matchIfMissing = true)
class OrderScheduling implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OrderScheduling.class);

	private final OrderJobs jobs;

	private final DelayNoticeSettings settings;

	private final RepeatedFailures runs = new RepeatedFailures(logger, "Order jobs");

	private volatile @Nullable Disposable running;

	OrderScheduling(OrderJobs jobs, DelayNoticeSettings settings) {
		this.jobs = jobs;
		this.settings = settings;
	}

	@Override
	public void start() {
		Duration interval = this.settings.checkInterval();
		this.running = Flux.interval(interval, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> this.runs.attempt(this.jobs.run()), 0)
			.subscribe();
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
