package com.backorderdesk.integration;

import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventAppendListener;
import org.springframework.stereotype.Component;

/**
 * Hears of order events as they are appended, in the change's transaction: records the
 * refunds they make due, then writes the webhooks they call for (which carry those
 * refunds). Both commit or roll back with the change.
 */
@Component
class IntegrationEvents implements OrderEventAppendListener {

	private final Refunds refunds;

	private final WebhookWriter webhooks;

	IntegrationEvents(Refunds refunds, WebhookWriter webhooks) {
		this.refunds = refunds;
		this.webhooks = webhooks;
	}

	@Override
	public Mono<Void> appended(List<OrderEvent> events) {
		return this.refunds.record(events).flatMap((recorded) -> this.webhooks.write(events, recorded));
	}

}
