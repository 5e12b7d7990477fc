package com.backorderdesk.staff.orders;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderService;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.timeline.LivePages;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Live updates of the staff order page: after each committed event of the order, whoever
 * caused it, the page's lines, offers and timeline that changed, rendered once for every
 * rep who follows the order here. A reconnecting page that missed a change
 * ({@code Last-Event-ID}) gets them all.
 */
@RestController
class StaffOrderEventsController {

	private final OrderService orders;

	private final LivePages live;

	private final LiveStaffOrderPage page;

	StaffOrderEventsController(OrderService orders, LivePages live, LiveStaffOrderPage page) {
		this.orders = orders;
		this.live = live;
		this.page = page;
	}

	@GetMapping(path = "/staff/orders/{number}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Mono<Void> events(@PathVariable String number,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
			ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		long afterId = SseSupport.afterId(lastEventIdHeader, lastEventIdParameter);
		return this.orders.stamp(number)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.onTerminateDetach()
			// revoking the customer's links does not end a rep's stream
			.flatMap((order) -> this.live.stream(exchange, this.page, order.id(), locale, afterId, order.lastEventId(),
					null, LivePages.ANY_LINK_REVISION));
	}

}
