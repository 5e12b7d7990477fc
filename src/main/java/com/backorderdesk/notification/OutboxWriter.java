package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.DelayNoticed;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LinesReplanned;
import com.backorderdesk.orders.OrderPlaced;
import com.backorderdesk.substitution.SubstituteAccepted;
import com.backorderdesk.substitution.SubstituteAvailabilityChanged;
import com.backorderdesk.substitution.SubstituteOffered;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventAppendListener;
import com.backorderdesk.timeline.TimelineEvent;
import org.springframework.stereotype.Component;

/**
 * Decides which appended order events call for an e-mail and queues one per order in the
 * same transaction, so an e-mail exists exactly when its change was committed. It queues
 * only <em>that</em> the customer should hear: what they hear is composed when the e-mail
 * is sent, from the order as it is then. News that matters at once (an order placed,
 * items shipped or cancelled, a delay notice, a substitute) makes the order's e-mail due
 * now; moved windows wait for the coalescing window, so several moves become one e-mail
 * about the net change.
 */
@Component
class OutboxWriter implements OrderEventAppendListener {

	private final Outbox outbox;

	private final MailSettings settings;

	private final Clock clock;

	OutboxWriter(Outbox outbox, MailSettings settings, Clock clock) {
		this.outbox = outbox;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Mono<Void> appended(List<OrderEvent> events) {
		Instant now = this.clock.instant();
		Map<Long, Outbox.OrderMail> byOrder = new LinkedHashMap<>();
		for (OrderEvent event : events) {
			Duration wait = wait(event.event());
			if (wait == null) {
				continue;
			}
			Outbox.OrderMail mail = new Outbox.OrderMail(event.orderId(), now.plus(wait),
					"order:" + event.orderId() + ":event:" + event.id(), false);
			byOrder.merge(event.orderId(), mail, (first, later) -> later.dueAt().isBefore(first.dueAt())
					? new Outbox.OrderMail(first.orderId(), later.dueAt(), first.dedupKey(), false) : first);
		}
		return this.outbox.queueOrders(List.copyOf(byOrder.values())).then();
	}

	/**
	 * How long an event's e-mail may wait for more news, or {@code null} when the event
	 * calls for none (a choice the customer just made on the page, an offer declined).
	 */
	private @Nullable Duration wait(TimelineEvent event) {
		if (event instanceof OrderPlaced || event instanceof ItemsShipped || event instanceof ItemCancelled
				|| event instanceof DelayNoticed || event instanceof SubstituteOffered
				|| event instanceof SubstituteAccepted) {
			return Duration.ZERO;
		}
		if (event instanceof LinesReplanned) {
			return this.settings.coalescingWindow();
		}
		if (event instanceof SubstituteAvailabilityChanged availability && availability.available()) {
			return this.settings.coalescingWindow();
		}
		return null;
	}

}
