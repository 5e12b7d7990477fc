package com.backorderdesk.staff.restocks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockFilter;
import com.backorderdesk.inventory.RestockSearch;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.staff.Pager;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The planner's list of restocks: filtered by a GET form, so every view can be
 * bookmarked, with the bulk date shift and each supplier's delivery record.
 */
@Controller
class RestockListController {

	/** Restocks one page lists. */
	static final int PAGE_SIZE = 25;

	/** Suppliers the reliability table lists at most, those with the worst records. */
	static final int RELIABILITY_ROWS = 10;

	/** The filters a pager link keeps, in the order the form has them. */
	private static final List<String> FILTERS = List.of("sku", "supplier", "status", "from", "to");

	/** The notices the list knows how to say after a change. */
	private static final List<String> NOTICES = List.of("shifted", "imported", "shifted-none");

	private final RestockSearch search;

	private final InventoryService inventory;

	private final OrderService orders;

	private final CatalogService catalog;

	private final MessageSource messages;

	private final Clock clock;

	RestockListController(RestockSearch search, InventoryService inventory, OrderService orders, CatalogService catalog,
			MessageSource messages, Clock clock) {
		this.search = search;
		this.inventory = inventory;
		this.orders = orders;
		this.catalog = catalog;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/staff/restocks")
	Mono<String> list(@RequestParam MultiValueMap<String, String> query, Model model, ServerWebExchange exchange) {
		RestockForm form = RestockPages.form(query, this.messages, exchange);
		String status = form.text("status").isEmpty() ? "OPEN" : form.text("status");
		RestockStatus only = RestockPages.status(status);
		if (only == null && !status.equals("OPEN") && !status.equals("ALL")) {
			form.reject("status", "staff.restocks.error.status");
		}
		LocalDate from = form.date("from", false);
		LocalDate to = form.date("to", false);
		if (from != null && to != null && to.isBefore(from)) {
			form.reject("to", "staff.restocks.error.range");
		}
		RestockFilter filter = new RestockFilter(form.text("sku"), form.text("supplier"), only, !status.equals("ALL"),
				from, to);
		model.addAttribute("filter", form.values());
		model.addAttribute("status", status);
		model.addAttribute("errors", form.errors());
		model.addAttribute("notice", notice(form, exchange));
		model.addAttribute("statuses", RestockStatus.values());
		model.addAttribute("today", LocalDate.now(this.clock));
		int requested = Pager.requested(form.text("page"));
		return Mono
			// a filter that cannot be read lists nothing rather than everything
			.zip(form.valid() ? page(filter, requested, form) : Mono.just(new Found(List.of(), pager(1, 0, form))),
					this.inventory.leastReliableSuppliers(form.text("supplier"), RELIABILITY_ROWS),
					this.search.suppliersWithOpenRestocks(RestockPages.SUPPLIER_CHOICES))
			.map((found) -> {
				model.addAttribute("restocks", found.getT1().restocks());
				model.addAttribute("pager", found.getT1().pager());
				model.addAttribute("reliability", found.getT2());
				model.addAttribute("suppliers", found.getT3());
				return "staff/restocks/restocks";
			});
	}

	/**
	 * One page of the restocks a filter shows: counted first, so a page past the end
	 * shows the last one.
	 */
	private Mono<Found> page(RestockFilter filter, int requested, RestockForm form) {
		return Pager.load(requested, PAGE_SIZE, this.search.count(filter),
				(page, total) -> this.search.find(filter, Pager.offset(page, PAGE_SIZE), PAGE_SIZE)
					.flatMap(this::views)
					.map((restocks) -> new Found(restocks, pager(page, total, form))));
	}

	/**
	 * The pager, its links keeping the filter as sent (the notice after a change is not
	 * kept).
	 */
	private static Pager pager(int page, long total, RestockForm form) {
		return Pager.of(page, total, PAGE_SIZE, (n) -> {
			UriComponentsBuilder url = UriComponentsBuilder.fromPath("/staff/restocks");
			for (String name : FILTERS) {
				String value = form.text(name);
				if (!value.isEmpty()) {
					url.queryParam(name, value);
				}
			}
			if (n > 1) {
				url.queryParam("page", n);
			}
			return url.build().encode().toUriString();
		});
	}

	private record Found(List<RestockView> restocks, Pager pager) {
	}

	/** Adds each restock's product name and waiting orders, in two queries. */
	Mono<List<RestockView>> views(List<Restock> restocks) {
		List<String> skus = restocks.stream().map(Restock::sku).distinct().toList();
		return Mono
			.zip(this.catalog.findAll(skus), this.orders.waitingOrders(restocks.stream().map(Restock::id).toList()))
			.map((found) -> restocks.stream().map((restock) -> view(restock, found.getT1(), found.getT2())).toList());
	}

	private static RestockView view(Restock restock, Map<String, Product> products, Map<Long, Integer> waiting) {
		Product product = products.get(restock.sku());
		return new RestockView(restock, (product != null) ? product.name() : "", waiting.getOrDefault(restock.id(), 0));
	}

	private String notice(RestockForm query, ServerWebExchange exchange) {
		String notice = query.text("notice");
		if (!NOTICES.contains(notice)) {
			return "";
		}
		Locale locale = RestockPages.locale(exchange);
		return this.messages.getMessage("staff.restocks.notice." + notice, new Object[] {
				number(query.text("restocks")), number(query.text("orders")), number(query.text("changed")) }, locale);
	}

	private static int number(String text) {
		try {
			return Math.max(0, Integer.parseInt(text));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
