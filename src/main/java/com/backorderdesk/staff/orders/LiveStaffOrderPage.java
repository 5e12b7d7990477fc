package com.backorderdesk.staff.orders;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderService;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.timeline.LivePage;
import org.springframework.stereotype.Component;

/**
 * The staff order page as it follows its order live: lines, offers and timeline, rendered
 * again alone from the page's template. They hold no forms.
 */
@Component
class LiveStaffOrderPage implements LivePage<OrderDetailView> {

	private static final List<String> FRAGMENTS = List.of("lines", "offers", "timeline");

	private final OrderService orders;

	private final OrderDetails details;

	private final LiveFragments fragments;

	LiveStaffOrderPage(OrderService orders, OrderDetails details, LiveFragments fragments) {
		this.orders = orders;
		this.details = details;
		this.fragments = fragments;
	}

	@Override
	public String eventName() {
		return LiveFragments.EVENT_NAME;
	}

	@Override
	public Mono<Map<Long, OrderDetailView>> load(Collection<Long> orderIds, Locale locale) {
		return this.orders.findAll(orderIds).flatMap((found) -> this.details.buildLive(found.values(), locale));
	}

	@Override
	public long lastEventId(OrderDetailView view) {
		return view.lastEventId();
	}

	@Override
	public List<String> render(OrderDetailView view, Locale locale) {
		Map<String, Object> variables = Map.of("order", view);
		return FRAGMENTS.stream()
			.map((fragment) -> this.fragments.render("staff/orders/order", Set.of(fragment), locale, variables))
			.toList();
	}

}
