package com.backorderdesk.staff.orders;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.customer.OrderTimeline;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.staff.LiveFragments;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * An order's whole timeline, as its customer reads it: the staff order page shows the
 * latest entries and links here for the rest, a page at a time.
 */
@Controller
class StaffOrderHistoryController {

	private final OrderService orders;

	private final OrderTimeline timeline;

	StaffOrderHistoryController(OrderService orders, OrderTimeline timeline) {
		this.orders = orders;
		this.timeline = timeline;
	}

	@GetMapping("/staff/orders/{number}/history")
	Mono<String> history(@PathVariable String number, @RequestParam(required = false) @Nullable String before,
			Model model, ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		return this.orders.find(number)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.flatMap((order) -> this.timeline.history(order, OrderTimeline.beforeId(before), locale))
			.map((history) -> {
				model.addAttribute("number", number);
				model.addAttribute("history", history);
				return "staff/orders/history";
			});
	}

}
