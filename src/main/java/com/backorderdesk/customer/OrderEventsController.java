package com.backorderdesk.customer;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.LineWording;
import com.backorderdesk.timeline.LivePages;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Live updates of an order's status page: after each committed change of the order, the
 * page's fragments that changed (summary, offers, lines, timeline), rendered once for
 * every browser that follows the order here, with this browser's CSRF token in their
 * forms. A reconnecting browser's {@code Last-Event-ID} gets it every fragment when it
 * missed a change. Reading the stream changes nothing.
 *
 * <p>
 * A browser's {@code EventSource} is served before the filter chain by
 * {@link OrderEventsRoute}, with the same checks; this controller answers what that route
 * passes on: a browser without access (403), a check that failed (the database away: 503
 * from the error handling), and streams asked for in another way.
 */
@RestController
class OrderEventsController {

	private final OrderController orders;

	private final LivePages live;

	private final LiveOrderPage page;

	OrderEventsController(OrderController orders, LivePages live, LiveOrderPage page) {
		this.orders = orders;
		this.live = live;
		this.page = page;
	}

	@GetMapping(path = "/orders/{number}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Mono<Void> events(@PathVariable String number,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
			ServerWebExchange exchange) {
		long afterId = SseSupport.afterId(lastEventIdHeader, lastEventIdParameter);
		Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.<CsrfToken>empty());
		return this.orders.granted(number, exchange)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.FORBIDDEN)))
			.zipWith(csrf.map((token) -> Optional.of(token.getToken())).defaultIfEmpty(Optional.empty()))
			// the stream keeps nothing of how access was checked
			.onTerminateDetach()
			// the order's language, once access made it the request's
			.flatMap((checked) -> this.live.stream(exchange, this.page, checked.getT1().id(),
					LineWording.orEnglish(exchange.getLocaleContext().getLocale()), afterId,
					checked.getT1().lastEventId(), checked.getT2().orElse(null), checked.getT1().linkRevision()));
	}

}
