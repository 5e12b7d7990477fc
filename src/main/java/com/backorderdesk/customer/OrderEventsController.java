package com.backorderdesk.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
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
 * Live updates of an order's status page: every committed event of the order is sent as
 * the page's own fragments (summary, lines, timeline), rendered again from the same
 * template, so the browser swaps them in by id. A reconnecting browser's
 * {@code Last-Event-ID} replays what it missed. Reading the stream changes nothing.
 */
@RestController
class OrderEventsController {

	/** One event name for every change, so the page's script needs one listener. */
	static final String EVENT_NAME = "order";

	/** Where the page's forms find the CSRF token, as on the full page. */
	private static final String CSRF = CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME;

	private static final Set<String> FRAGMENTS = Set.of("summary", "offers", "lines", "total", "timeline");

	private final OrderController orders;

	private final OrderService orderService;

	private final OrderPage page;

	private final OrderEventStream events;

	private final ISpringWebFluxTemplateEngine templates;

	OrderEventsController(OrderController orders, OrderService orderService, OrderPage page, OrderEventStream events,
			ISpringWebFluxTemplateEngine templates) {
		this.orders = orders;
		this.orderService = orderService;
		this.page = page;
		this.events = events;
		this.templates = templates;
	}

	@GetMapping(path = "/orders/{number}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> events(@PathVariable String number,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
			ServerWebExchange exchange) {
		return this.orders.accessible(number, exchange)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.FORBIDDEN)))
			.flatMapMany((order) -> {
				// the order's language, once access made it the request's
				Locale shown = LineWording.orEnglish(exchange.getLocaleContext().getLocale());
				long afterId = SseSupport.afterId(lastEventIdHeader, lastEventIdParameter);
				Flux<OrderEvent> followed = (afterId >= 0) ? this.events.follow(order.id(), afterId)
						: this.events.history(order.id())
							.flatMapMany((history) -> this.events.follow(order.id(),
									history.isEmpty() ? 0 : history.get(history.size() - 1).id()));
				return SseSupport.opened(SseSupport.stream(followed, (event) -> render(number, shown, exchange)));
			})
			.map(OrderEventsController::named);
	}

	/**
	 * Renders the fragments with this session's CSRF token, so the forms in them (accept
	 * a substitute, cancel) work exactly as on the page.
	 */
	private Mono<String> render(String number, Locale locale, ServerWebExchange exchange) {
		Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.<CsrfToken>empty());
		return csrf.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((token) -> this.orderService.find(number)
				.flatMap((order) -> this.page.build(order, locale))
				.map((view) -> {
					Context context = new Context(locale);
					context.setVariable("order", view);
					token.ifPresent((value) -> context.setVariable(CSRF, value));
					return this.templates.process("customer/order", FRAGMENTS, context);
				}));
	}

	private static ServerSentEvent<String> named(ServerSentEvent<String> event) {
		if (event.data() == null) {
			return event;
		}
		return ServerSentEvent.builder(event.data()).id(event.id()).event(EVENT_NAME).build();
	}

}
