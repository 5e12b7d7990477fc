package com.backorderdesk.staff.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.SseSupport;
import com.backorderdesk.timeline.UnknownEvent;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps open dashboards live: whenever changes are committed to any order, on any
 * instance, the figures are read again and sent as the page's own fragments, rendered
 * from the same template, for the page's script to swap in by id.
 *
 * <p>
 * A restock shift can commit thousands of events at once, so changes are sampled: at most
 * one refresh per {@link #REFRESH} per open dashboard, and a dashboard that is still
 * being sent the last refresh gets only the newest one after it. The first refresh goes
 * out as soon as the stream opens, so a page never misses what changed between its
 * rendering and its subscription (or while it was reconnecting). When the browser goes
 * away the failed heartbeat cancels the stream, which closes its feed.
 */
@RestController
class DashboardEventsController {

	/** The event name the page's script listens to. */
	static final String EVENT_NAME = "dashboard";

	/** The shortest time between two refreshes of one dashboard. */
	static final Duration REFRESH = Duration.ofSeconds(1);

	private static final Set<String> FRAGMENTS = Set.of("updated", "summary", "aging", "shortfalls", "slips",
			"suppliers");

	private final Dashboards dashboards;

	private final OrderEventStream events;

	private final ISpringWebFluxTemplateEngine templates;

	DashboardEventsController(Dashboards dashboards, OrderEventStream events, ISpringWebFluxTemplateEngine templates) {
		this.dashboards = dashboards;
		this.events = events;
		this.templates = templates;
	}

	@GetMapping(path = "/staff/dashboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> events(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		Locale shown = (locale != null) ? locale : Locale.ENGLISH;
		// each refresh carries the id of the newest event its figures include
		Flux<OrderEvent> changes = this.events.live()
			.sample(REFRESH)
			.onBackpressureLatest()
			.map((event) -> refresh(event.id()));
		// the fragments offer planners' actions (create restock) to planners only, as the
		// page does
		return StaffModelAdvice.currentStaff()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMapMany((staff) -> SseSupport.stream(Flux.concat(Mono.just(refresh(0)), changes),
					(event) -> render(shown, staff.orElse(null))));
	}

	private static OrderEvent refresh(long eventId) {
		return new OrderEvent(eventId, 0, EVENT_NAME, new UnknownEvent(EVENT_NAME), Instant.EPOCH, EVENT_NAME);
	}

	private Mono<String> render(Locale locale, @Nullable StaffPrincipal staff) {
		return this.dashboards.load(locale).map((dash) -> {
			Context context = new Context(locale);
			context.setVariable("dash", dash);
			context.setVariable("live", true);
			context.setVariable("staff", staff);
			return this.templates.process("staff/dashboard/dashboard", FRAGMENTS, context);
		});
	}

}
