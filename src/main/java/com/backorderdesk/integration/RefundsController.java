package com.backorderdesk.integration;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The refunds queue: what is due to customers for cancelled units, oldest first, and what
 * was marked refunded, by whom and when. Marking one refunded checks the version seen and
 * is audited.
 */
@Controller
class RefundsController {

	static final String PATH = "/staff/refunds";

	private static final String PAGE = "integration/refunds";

	private static final int LIMIT = 500;

	private final Refunds refunds;

	private final OrderService orders;

	private final StaffPages pages;

	RefundsController(Refunds refunds, OrderService orders, StaffPages pages) {
		this.refunds = refunds;
		this.orders = orders;
		this.pages = pages;
	}

	@GetMapping(PATH)
	Mono<String> queue(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String notice, Model model) {
		if ("refunded".equals(notice)) {
			model.addAttribute("notice", notice);
		}
		return page(RefundView.REFUNDED.equals(status) ? RefundView.REFUNDED : RefundView.DUE, model);
	}

	@PostMapping(PATH + "/{id}/refunded")
	Mono<String> markRefunded(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			Long version = StaffPages.number(form.getFirst("version"));
			if (version == null) {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("conflict", "The form was incomplete: reload the page.");
				return page(RefundView.DUE, model);
			}
			return StaffPages.current()
				.flatMap((member) -> this.refunds.markRefunded(id, version, member.username()))
				.thenReturn("redirect:" + PATH + "?notice=refunded")
				.onErrorResume(ConflictException.class, (ex) -> {
					exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
					model.addAttribute("conflict", ex.getMessage());
					return page(RefundView.DUE, model);
				})
				.onErrorResume(NotFoundException.class, (ex) -> {
					exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
					model.addAttribute("conflict", ex.getMessage());
					return page(RefundView.DUE, model);
				});
		});
	}

	private Mono<String> page(String status, Model model) {
		model.addAttribute("status", status);
		return this.refunds.queue(status, LIMIT).flatMap((queue) -> {
			Set<Long> orderIds = new LinkedHashSet<>();
			queue.forEach((refund) -> orderIds.add(refund.orderId()));
			return this.orders.findAll(orderIds).map((found) -> {
				model.addAttribute("refunds", queue.stream().map((refund) -> row(refund, found)).toList());
				return PAGE;
			});
		});
	}

	private Row row(RefundView refund, Map<Long, OrderView> orders) {
		OrderView order = orders.get(refund.orderId());
		String number = (order != null) ? order.number() : "";
		String item = (order != null) ? order.lines()
			.stream()
			.filter((line) -> line.id() == refund.lineId())
			.findFirst()
			.map(OrderLineView::productName)
			.orElse("") : "";
		return new Row(refund.id(), number, item, refund.quantity(), refund.reason(),
				StaffPages.money(refund.amountCents(), refund.currency()), this.pages.moment(refund.createdAt()),
				this.pages.moment(refund.refundedAt()), Objects.requireNonNullElse(refund.refundedBy(), ""),
				refund.due(), refund.version());
	}

	/**
	 * A refund as the queue shows it.
	 *
	 * @param id the refund
	 * @param orderNumber its order
	 * @param item the product whose units were cancelled
	 * @param quantity units cancelled
	 * @param reason why ({@code CancelReason} by name)
	 * @param amount what is due, formatted with its currency
	 * @param due since when, formatted
	 * @param refundedAt when it was marked refunded, formatted; empty while due
	 * @param refundedBy who marked it
	 * @param open whether it is still due
	 * @param version the version the form sends back
	 */
	record Row(long id, String orderNumber, String item, int quantity, String reason, String amount, String due,
			String refundedAt, String refundedBy, boolean open, long version) {
	}

}
