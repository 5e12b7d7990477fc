package com.backorderdesk.staff.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.staff.Pager;
import com.backorderdesk.staff.StaffFormat;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.Enums;
import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.customer.OrderTimeline;
import com.backorderdesk.notification.BaseUrl;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.notification.MailOutbox;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderSearch;
import com.backorderdesk.orders.OrderQueue;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.CustomerLinks;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.timeline.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Orders for reps: search by number, e-mail, SKU and line status; an order's page with
 * its lines, offers, the customer's timeline, internal notes and the customer's link.
 */
@Controller
class StaffOrdersController {

	static final int PAGE_SIZE = 25;

	private final OrderSearch search;

	private final OrderService orders;

	private final OrderDetails details;

	private final OrderNotes notes;

	private final CustomerLinks links;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final StaffFormat format;

	private final MailOutbox mail;

	private final BaseUrl baseUrl;

	private final OrderQueue queue;

	StaffOrdersController(OrderSearch search, OrderService orders, OrderDetails details, OrderNotes notes,
			CustomerLinks links, AuditLog audit, TransactionalOperator transactions, StaffFormat format,
			MailOutbox mail, BaseUrl baseUrl, OrderQueue queue) {
		this.queue = queue;
		this.mail = mail;
		this.baseUrl = baseUrl;
		this.search = search;
		this.orders = orders;
		this.details = details;
		this.notes = notes;
		this.links = links;
		this.audit = audit;
		this.transactions = transactions;
		this.format = format;
	}

	@GetMapping("/staff/orders")
	Mono<String> search(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String dir,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String missing, Model model) {
		LineStatus lineStatus = Enums.parse(LineStatus.class, status);
		OrderSearch.Sort sortBy = Enums.parse(OrderSearch.Sort.class, sort);
		boolean descending = !"asc".equals(dir);
		OrderSearch.Sort by = (sortBy != null) ? sortBy : OrderSearch.Sort.PLACED;
		OrderSearch.Query first = new OrderSearch.Query(q, lineStatus, by, descending, 0, PAGE_SIZE);
		return Pager.load(Pager.requested(page), PAGE_SIZE, this.search.count(first), (shown, total) -> {
			OrderSearch.Query query = new OrderSearch.Query(q, lineStatus, by, descending, shown - 1, PAGE_SIZE);
			return this.search.search(query).map((orders) -> view(query, orders, total));
		}).map((view) -> {
			model.addAttribute("search", view);
			model.addAttribute("statuses", LineStatus.values());
			model.addAttribute("missing", "1".equals(missing));
			return "staff/orders/orders";
		});
	}

	private SearchView view(OrderSearch.Query query, List<OrderSearch.Summary> orders, long total) {
		List<SearchView.Row> rows = orders.stream()
			.map((order) -> new SearchView.Row(order.number(), order.customerName(), order.customerEmail(),
					this.format.moment(order.placedAt()), order.lines(), order.units(), order.waiting(),
					order.undated(), this.format.date(order.etaLatest()),
					order.statuses()
						.stream()
						.map((status) -> new SearchView.Status(status.name(), LineWording.badgeKind(status)))
						.toList()))
			.toList();
		Map<String, String> sortUrls = new LinkedHashMap<>();
		Map<String, String> sorted = new LinkedHashMap<>();
		for (OrderSearch.Sort sort : OrderSearch.Sort.values()) {
			boolean current = sort == query.sort();
			boolean descending = current ? !query.descending()
					: sort != OrderSearch.Sort.NUMBER && sort != OrderSearch.Sort.EMAIL;
			sortUrls.put(sort.name(), url(query.text(), query.status(), sort, descending, 0));
			sorted.put(sort.name(), current ? (query.descending() ? "descending" : "ascending") : "none");
		}
		Pager pager = Pager.of(query.page() + 1, total, PAGE_SIZE,
				(n) -> url(query.text(), query.status(), query.sort(), query.descending(), n - 1));
		return new SearchView(query.text(), (query.status() != null) ? query.status().name() : "", rows, total,
				pager.page(), pager.pages(), pager, sortUrls, sorted);
	}

	private static String url(String text, @Nullable LineStatus status, OrderSearch.Sort sort, boolean descending,
			int page) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/staff/orders");
		if (!text.isBlank()) {
			url.queryParam("q", text);
		}
		if (status != null) {
			url.queryParam("status", status.name());
		}
		url.queryParam("sort", sort.name()).queryParam("dir", descending ? "desc" : "asc");
		if (page > 0) {
			url.queryParam("page", page + 1);
		}
		return url.encode().build().toUriString();
	}

	@GetMapping("/staff/orders/{number}")
	Mono<String> order(@PathVariable String number, @RequestParam(required = false) @Nullable String noted,
			@RequestParam(required = false) @Nullable String resent,
			@RequestParam(required = false) @Nullable String revoked,
			@RequestParam(required = false) @Nullable String moved,
			@RequestParam(required = false) @Nullable String done,
			@RequestParam(required = false) @Nullable String units, Model model, ServerWebExchange exchange) {
		model.addAttribute("moved", moved != null);
		if (done != null && StaffOrderActionsController.DONE.contains(done)) {
			model.addAttribute("done", done);
			model.addAttribute("doneUnits", units(units));
		}
		model.addAttribute("noted", noted != null);
		model.addAttribute("revoked", revoked != null);
		model.addAttribute("resent", "sent".equals(resent) || "none".equals(resent) ? resent : null);
		return page(number, model, exchange, "", null);
	}

	@PostMapping("/staff/orders/{number}/notes")
	Mono<String> addNote(@PathVariable String number, Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			String body = Objects.requireNonNullElse(form.getFirst("body"), "");
			return this.orders.find(number)
				.flatMap((order) -> StaffModelAdvice.currentStaff()
					.map(StaffPrincipal::username)
					.flatMap((actor) -> this.notes.add(order.id(), actor, body)
						.flatMap((note) -> this.audit.record(actor, "ORDER_NOTE_ADDED", "order " + number, null,
								Map.of("noteId", note.id(), "body", note.body()))))
					.as(this.transactions::transactional)
					.thenReturn(redirect("/staff/orders/{number}?noted=1#notes", number)))
				.onErrorResume(InvalidValueException.class, (ex) -> {
					exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
					return page(number, model, exchange, body, ex.getMessage());
				})
				.defaultIfEmpty(missing(number));
		});
	}

	/**
	 * Sends the customer an e-mail that tells where every item stands now, to the order's
	 * current address, when they lost an e-mail or never got it.
	 */
	@PostMapping("/staff/orders/{number}/resend")
	Mono<String> resend(@PathVariable String number) {
		return this.orders.find(number)
			.flatMap((order) -> StaffModelAdvice.currentStaff()
				.map(StaffPrincipal::username)
				.flatMap((actor) -> this.mail.resendStatus(order.id())
					.then(this.audit.record(actor, "MAIL_RESENT", "order " + number, null,
							Map.of("email", order.customerEmail())))
					.thenReturn("sent"))
				.as(this.transactions::transactional)
				.defaultIfEmpty("none")
				.map((outcome) -> redirect("/staff/orders/{number}?resent=" + outcome + "#customer-link", number)))
			.defaultIfEmpty(missing(number));
	}

	/**
	 * Moves a waiting line to the front of its SKU's queue, with the rep's reason,
	 * audited with the positions before and after. Customers who lose their place are
	 * told by the re-plan's own events and e-mails.
	 */
	@PostMapping("/staff/orders/{number}/lines/{lineId}/front")
	Mono<String> moveToFront(@PathVariable String number, @PathVariable long lineId, Model model,
			ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			String reason = Objects.requireNonNullElse(form.getFirst("reason"), "").strip();
			return this.orders.find(number).flatMap((order) -> {
				if (reason.isEmpty() || reason.length() > 500 || reason.chars().anyMatch(Character::isISOControl)) {
					exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
					model.addAttribute("frontError", "Say why in 1 to 500 characters.");
					model.addAttribute("frontLine", lineId);
					return page(number, model, exchange, "", null);
				}
				return StaffModelAdvice.currentStaff()
					.map(StaffPrincipal::username)
					.flatMap((actor) -> this.queue.moveToFront(order.id(), lineId, actor)
						.flatMap((move) -> this.audit.record(actor, "ORDER_LINE_MOVED_TO_FRONT", "order " + number,
								Map.of("lineId", lineId, "sku", move.sku(), "queuePosition", move.before()),
								Map.of("lineId", lineId, "sku", move.sku(), "queuePosition", move.after(), "reason",
										reason))))
					.as(this.transactions::transactional)
					.thenReturn(redirect("/staff/orders/{number}?moved=1#queue", number))
					.onErrorResume(com.backorderdesk.InvalidInputException.class, (ex) -> {
						exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
						model.addAttribute("frontError", ex.getMessage());
						model.addAttribute("frontLine", lineId);
						return page(number, model, exchange, "", null);
					})
					.onErrorResume(com.backorderdesk.NotFoundException.class,
							(ex) -> Mono.just(redirect("/staff/orders/{number}", number)));
			}).defaultIfEmpty(missing(number));
		});
	}

	/**
	 * Revokes every link the customer was sent, and every access opened with one or by a
	 * lookup: the order's link revision goes up, which signed links and access cookies
	 * carry. Audited with the revision before and after.
	 */
	@PostMapping("/staff/orders/{number}/revoke-links")
	Mono<String> revokeLinks(@PathVariable String number) {
		return this.orders.find(number)
			.flatMap((order) -> StaffModelAdvice.currentStaff()
				.map(StaffPrincipal::username)
				.flatMap((actor) -> this.links.revokeAll(order.id(), Actors.staff(actor))
					.then(this.audit.record(actor, "CUSTOMER_LINKS_REVOKED", "order " + number,
							Map.of("linkRevision", order.linkRevision()),
							Map.of("linkRevision", order.linkRevision() + 1))))
				.as(this.transactions::transactional)
				.thenReturn("redirect:/staff/orders/" + number + "?revoked=1#customer-link"))
			.defaultIfEmpty(missing(number));
	}

	/**
	 * The order page, with what the model already holds (an action's messages or
	 * confirmation).
	 */
	Mono<String> page(String number, Model model, ServerWebExchange exchange, String noteText,
			@Nullable String noteError) {
		Locale locale = LiveFragments.locale(exchange);
		return this.orders.find(number)
			.flatMap((order) -> Mono.zip(this.details.build(order, locale), link(order)).map((built) -> {
				model.addAttribute("order", built.getT1());
				model.addAttribute("customerLink", built.getT2());
				model.addAttribute("noteText", noteText);
				model.addAttribute("noteError", noteError);
				return "staff/orders/order";
			}))
			.defaultIfEmpty(missing(number));
	}

	/**
	 * The customer's link, on the site's configured address, never the request's Host.
	 */
	private Mono<String> link(OrderView order) {
		return this.links.linkFor(order.id(), CustomerLinks.VIEW).map((path) -> this.baseUrl.get() + path);
	}

	static String missing(String number) {
		return "redirect:" + UriComponentsBuilder.fromPath("/staff/orders")
			.queryParam("q", "{number}")
			.queryParam("missing", "1")
			.encode()
			.buildAndExpand(number)
			.toUriString();
	}

	/**
	 * A redirect to a page of an order, its number encoded: braces in a number typed into
	 * the address bar must not read as a template.
	 */
	private static String redirect(String template, String number) {
		return "redirect:" + UriComponentsBuilder.fromUriString(template).encode().buildAndExpand(number).toUriString();
	}

	/** The units an action's notice speaks of, as the redirect after it says. */
	private static int units(@Nullable String units) {
		try {
			return (units != null) ? Math.max(0, Math.min(InputRules.MAX_LINE_QUANTITY, Integer.parseInt(units))) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
