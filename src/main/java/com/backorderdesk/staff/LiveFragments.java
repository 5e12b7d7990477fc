package com.backorderdesk.staff;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders parts of a staff page again, alone, for live updates: the browser's script
 * ({@code live.js}) swaps every element with the same id. Fragments sent this way hold no
 * forms, so they need no CSRF token.
 */
@Component
public class LiveFragments {

	/** One event name for every update, so the script needs one listener. */
	public static final String EVENT_NAME = "update";

	private final ISpringWebFluxTemplateEngine templates;

	LiveFragments(ISpringWebFluxTemplateEngine templates) {
		this.templates = templates;
	}

	public String render(String template, Set<String> fragments, Locale locale, Map<String, Object> variables) {
		Context context = new Context(locale, variables);
		return this.templates.process(template, fragments, context);
	}

	public static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.ENGLISH;
	}

	/**
	 * Names every data event {@link #EVENT_NAME}; heartbeats pass unchanged.
	 */
	public static Flux<ServerSentEvent<String>> named(Flux<ServerSentEvent<String>> events) {
		return events.map((event) -> (event.data() == null) ? event
				: ServerSentEvent.builder(event.data()).id(event.id()).event(EVENT_NAME).build());
	}

}
