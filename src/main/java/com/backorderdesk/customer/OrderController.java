package com.backorderdesk.customer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.OrderAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * An order's status page, for a browser that was granted access to that order.
 */
@Controller
class OrderController {

	/** Where a browser without access goes; the same whether the order exists or not. */
	static final String NO_ACCESS = "redirect:/?access=required";

	private final OrderService orders;

	private final OrderAccess access;

	private final OrderPage page;

	OrderController(OrderService orders, OrderAccess access, OrderPage page) {
		this.orders = orders;
		this.access = access;
		this.page = page;
	}

	@GetMapping("/orders/{number}")
	Mono<String> order(@PathVariable String number, @RequestParam(required = false) @Nullable String notice,
			Model model, ServerWebExchange exchange) {
		return accessible(number, exchange)
			.flatMap((order) -> this.page.build(order, exchange.getLocaleContext().getLocale()))
			.map((view) -> {
				model.addAttribute("order", view);
				if (notice != null && OrderChoicesController.NOTICES.contains(notice)) {
					model.addAttribute("notice", "notice." + notice);
				}
				return "customer/order";
			})
			.defaultIfEmpty(NO_ACCESS);
	}

	/**
	 * Finds the order if this browser may see it.
	 * @return the order, or empty when it does not exist or access was not granted
	 */
	Mono<OrderView> accessible(String number, ServerWebExchange exchange) {
		return this.orders.find(number).filterWhen((order) -> this.access.isGranted(exchange, order.id()));
	}

}
