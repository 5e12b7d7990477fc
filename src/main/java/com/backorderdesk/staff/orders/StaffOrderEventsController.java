package com.backorderdesk.staff.orders;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Live updates of the staff order page: every committed event of the order, whoever
 * caused it, re-renders the page's lines, offers and timeline. A reconnecting page is
 * replayed what it missed ({@code Last-Event-ID}).
 */
@RestController
class StaffOrderEventsController {

	private static final Set<String> FRAGMENTS = Set.of("lines", "offers", "timeline");

	private final OrderService orders;

	private final OrderDetails details;

	private final OrderEventStream events;

	private final LiveFragments fragments;

	StaffOrderEventsController(OrderService orders, OrderDetails details, OrderEventStream events,
			LiveFragments fragments) {
		this.orders = orders;
		this.details = details;
		this.events = events;
		this.fragments = fragments;
	}

	@GetMapping(path = "/staff/orders/{number}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> events(@PathVariable String number,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
			ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		return this.orders.find(number)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.flatMapMany((order) -> {
				long afterId = Math.max(0, SseSupport.afterId(lastEventIdHeader, lastEventIdParameter));
				Flux<OrderEvent> followed = this.events.follow(order.id(), afterId);
				return SseSupport
					.opened(LiveFragments.named(SseSupport.stream(followed, (event) -> render(number, locale))));
			});
	}

	private Mono<String> render(String number, Locale locale) {
		return this.orders.find(number)
			.flatMap((order) -> this.details.build(order, locale))
			.map((view) -> this.fragments.render("staff/orders/order", FRAGMENTS, locale, Map.of("order", view)));
	}

}
