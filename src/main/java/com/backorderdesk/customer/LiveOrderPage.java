package com.backorderdesk.customer;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderService;
import com.backorderdesk.timeline.LivePage;
import com.backorderdesk.timeline.LivePages;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;

/**
 * The customer's order page as it follows its order live: the parts that change (summary,
 * offers, lines, timeline) are fragments of the page's own template, rendered again
 * alone, so the browser swaps them in by id. Their forms carry the live pages' CSRF
 * placeholder, which each stream replaces with its own browser's token.
 */
@Component
class LiveOrderPage implements LivePage<OrderPageView> {

	/** One event name for every change, so the page's script needs one listener. */
	static final String EVENT_NAME = "order";

	/** The page's fragments, in the order they stand on the page. */
	static final List<String> FRAGMENTS = List.of("summary", "offers", "lines", "timeline");

	/** What forms in fragments carry as their token until a stream sends them. */
	static final CsrfToken PLACEHOLDER = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", LivePages.CSRF_PLACEHOLDER);

	private final OrderService orders;

	private final OrderPage page;

	private final ISpringWebFluxTemplateEngine templates;

	LiveOrderPage(OrderService orders, OrderPage page, ISpringWebFluxTemplateEngine templates) {
		this.orders = orders;
		this.page = page;
		this.templates = templates;
	}

	@Override
	public String eventName() {
		return EVENT_NAME;
	}

	@Override
	public Mono<Map<Long, OrderPageView>> load(Collection<Long> orderIds, Locale locale) {
		return this.orders.findAll(orderIds).flatMap((found) -> this.page.buildAll(found.values(), locale));
	}

	@Override
	public long lastEventId(OrderPageView view) {
		return view.lastEventId();
	}

	@Override
	public List<String> render(OrderPageView view, Locale locale) {
		Context context = new Context(locale);
		context.setVariable("order", view);
		context.setVariable(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, PLACEHOLDER);
		return FRAGMENTS.stream()
			.map((fragment) -> this.templates.process("customer/order", Set.of(fragment), context))
			.toList();
	}

}
