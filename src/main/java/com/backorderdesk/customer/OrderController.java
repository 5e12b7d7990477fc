package com.backorderdesk.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.language.Languages;
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

	/**
	 * The choices an e-mail's link can pick out: {@code accept-offer-12},
	 * {@code wait-line-7}.
	 */
	static final Pattern FOCUS = Pattern.compile("(accept-offer|wait-line|cancel-line)-([0-9]{1,18})");

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
			@RequestParam(required = false) @Nullable String focus, Model model, ServerWebExchange exchange) {
		return accessible(number, exchange)
			.flatMap((order) -> this.page.build(order, exchange.getLocaleContext().getLocale()))
			.map((view) -> {
				model.addAttribute("order", view);
				if (notice != null && OrderChoicesController.NOTICES.contains(notice)) {
					model.addAttribute("notice", "notice." + notice);
				}
				// a link from an e-mail picks a choice out; only the button here makes it
				if (focus != null && FOCUS.matcher(focus).matches()) {
					model.addAttribute("focus", focus);
				}
				return "customer/order";
			})
			.defaultIfEmpty(NO_ACCESS);
	}

	/**
	 * Where the order page opens for a choice picked out by an e-mail's link.
	 * @param focus the choice, such as {@code accept-offer-12}
	 * @return the page's query and fragment, empty when the choice is not one we know
	 */
	static String focusSuffix(@Nullable String focus) {
		if (focus == null) {
			return "";
		}
		Matcher matcher = FOCUS.matcher(focus);
		if (!matcher.matches()) {
			return "";
		}
		String anchor = matcher.group(1).endsWith("offer") ? "offer-" : "line-";
		return "?focus=" + focus + "#" + anchor + matcher.group(2);
	}

	/**
	 * Finds the order if this browser may see it, and makes the order's language the
	 * request's (pages follow the browser's {@code Accept-Language} only when the order
	 * has no language).
	 * @return the order, or empty when it does not exist or access was not granted
	 */
	Mono<OrderView> accessible(String number, ServerWebExchange exchange) {
		return this.orders.find(number)
			.filterWhen((order) -> this.access.isGranted(exchange, order.id(), order.linkRevision()))
			.doOnNext((order) -> {
				// everything rendered for this order speaks its language, when it has one
				if (order.locale() != null) {
					exchange.getAttributes().put(Languages.ORDER_LOCALE_ATTRIBUTE, order.locale());
				}
			});
	}

}
