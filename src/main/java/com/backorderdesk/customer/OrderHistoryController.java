package com.backorderdesk.customer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.LineWording;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * An order's whole timeline, for a browser that may see the order: the order page shows
 * the latest entries only, and links here for the rest, a page of entries at a time,
 * going back in time with plain links.
 */
@Controller
class OrderHistoryController {

	private final OrderController orders;

	private final OrderTimeline timeline;

	OrderHistoryController(OrderController orders, OrderTimeline timeline) {
		this.orders = orders;
		this.timeline = timeline;
	}

	@GetMapping("/orders/{number}/history")
	Mono<String> history(@PathVariable String number, @RequestParam(required = false) @Nullable String before,
			Model model, ServerWebExchange exchange) {
		return this.orders.accessible(number, exchange)
			.flatMap((order) -> this.timeline.history(order, OrderTimeline.beforeId(before),
					LineWording.orEnglish(exchange.getLocaleContext().getLocale())))
			.map((history) -> {
				model.addAttribute("number", number);
				model.addAttribute("history", history);
				return "customer/history";
			})
			.defaultIfEmpty(OrderController.NO_ACCESS);
	}

}
