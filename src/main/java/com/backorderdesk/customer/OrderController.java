package com.backorderdesk.customer;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.language.Languages;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderStamp;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.OrderAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
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

	/** The same, as an address. */
	static final String NO_ACCESS_PAGE = "/?access=required";

	/**
	 * The choices an e-mail's link can pick out: {@code accept-offer-12},
	 * {@code wait-line-7}.
	 */
	static final Pattern FOCUS = Pattern.compile("(accept-offer|wait-line|cancel-line)-([0-9]{1,18})");

	private final OrderService orders;

	private final OrderAccess access;

	private final RenderedOrderPages pages;

	OrderController(OrderService orders, OrderAccess access, RenderedOrderPages pages) {
		this.orders = orders;
		this.access = access;
		this.pages = pages;
	}

	/**
	 * The order page: one query for the order's stamp, which checks access and finds the
	 * page as rendered after the order's newest event, when another request rendered it.
	 */
	@GetMapping("/orders/{number}")
	Mono<Void> order(@PathVariable String number, @RequestParam(required = false) @Nullable String notice,
			@RequestParam(required = false) @Nullable String focus, ServerWebExchange exchange) {
		String shownNotice = (notice != null && OrderChoicesController.NOTICES.contains(notice)) ? "notice." + notice
				: null;
		// a link from an e-mail picks a choice out; only the button here makes it
		String shownFocus = (focus != null && FOCUS.matcher(focus).matches()) ? focus : null;
		return granted(number, exchange)
			.flatMap((stamp) -> this.pages.write(exchange, number, stamp, shownNotice, shownFocus))
			.switchIfEmpty(Mono.defer(() -> {
				ServerHttpResponse response = exchange.getResponse();
				response.setStatusCode(HttpStatus.SEE_OTHER);
				response.getHeaders().setLocation(URI.create(NO_ACCESS_PAGE));
				return response.setComplete().thenReturn(false);
			}))
			.then();
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
	 * The order's stamp if this browser may see the order, in one query, and makes the
	 * order's language the request's, as {@link #accessible} does.
	 * @param number the order number
	 * @param exchange the request
	 * @return the stamp, or empty when the order does not exist or access was not granted
	 */
	Mono<OrderStamp> granted(String number, ServerWebExchange exchange) {
		return this.orders.stamp(number)
			.filterWhen((stamp) -> this.access.isGranted(exchange, stamp.id(), stamp.linkRevision()))
			.doOnNext((stamp) -> {
				if (stamp.locale() != null) {
					exchange.getAttributes().put(Languages.ORDER_LOCALE_ATTRIBUTE, stamp.locale());
				}
			});
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
