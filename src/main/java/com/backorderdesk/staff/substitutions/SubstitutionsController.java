package com.backorderdesk.staff.substitutions;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.staff.Pager;
import com.backorderdesk.staff.StaffFormat;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionQueue;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.substitution.SubstitutionSettings;
import com.backorderdesk.substitution.WaitingLine;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The substitution workbench: the queue of long or undated waits by SKU, ranked
 * substitutes (partial ones too), and answers arriving live. An offer is made in three
 * steps: the rep picks a candidate on the workbench; chooses on its own page whom to
 * offer it to (nothing is chosen for them); reviews the orders and customers who would
 * get it, as the service would make it; and sends it. Every offer is audited in its
 * transaction.
 */
@Controller
class SubstitutionsController {

	/** Bursts of events (an offer to many orders) become one update. */
	private static final Duration COALESCE = Duration.ofMillis(250);

	private static final String WORKBENCH = "staff/substitutions/substitutions";

	private static final String OFFER = "staff/substitutions/offer";

	private final Workbench workbench;

	private final Offering offering;

	private final SubstitutionQueue queue;

	private final SubstitutionSettings settings;

	private final OrderEventStream events;

	private final LiveFragments fragments;

	private final StaffFormat format;

	private final MessageSource messages;

	SubstitutionsController(Workbench workbench, Offering offering, SubstitutionQueue queue,
			SubstitutionSettings settings, OrderEventStream events, LiveFragments fragments, StaffFormat format,
			MessageSource messages) {
		this.workbench = workbench;
		this.offering = offering;
		this.queue = queue;
		this.settings = settings;
		this.events = events;
		this.fragments = fragments;
		this.format = format;
		this.messages = messages;
	}

	@GetMapping("/staff/substitutions")
	Mono<String> workbench(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String offered,
			@RequestParam(required = false) @Nullable String substitute,
			@RequestParam(required = false) @Nullable String page, Model model, ServerWebExchange exchange) {
		if (offered != null && offered.matches("\\d{1,6}") && substitute != null) {
			model.addAttribute("offered", Integer.parseInt(offered));
			model.addAttribute("offeredSubstitute", substitute);
		}
		String only = (sku != null && !sku.isBlank()) ? sku.strip() : null;
		return this.workbench.build(only, Pager.requested(page), LiveFragments.locale(exchange)).map((view) -> {
			model.addAttribute("workbench", view);
			return WORKBENCH;
		});
	}

	/**
	 * The offer form of one substitute for one SKU, blank unless it comes back from the
	 * review to be changed; without a substitute, the candidates to choose from.
	 */
	@GetMapping("/staff/substitutions/{sku}/offer")
	Mono<String> offerForm(@PathVariable String sku, @RequestParam MultiValueMap<String, String> query, Model model,
			ServerWebExchange exchange) {
		OfferForm form = OfferForm.of(query);
		if (!query.containsKey("days")) {
			form = OfferForm.blank(form.substitute(), this.settings.offerDays());
		}
		return offerPage(sku, form, Map.of(), null, false, model, exchange);
	}

	/**
	 * Checks the form and shows the orders and customers the offer would go to, as the
	 * service makes it in a transaction that is rolled back.
	 */
	@PostMapping("/staff/substitutions/{sku}/offers/review")
	Mono<String> review(@PathVariable String sku, Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((values) -> review(sku, OfferForm.of(values), false, model, exchange));
	}

	/**
	 * Sends the reviewed offer, when it still goes to exactly the reviewed orders;
	 * otherwise shows the review again with the orders it would go to now.
	 */
	@PostMapping("/staff/substitutions/{sku}/offers")
	Mono<String> offer(@PathVariable String sku, Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((values) -> {
			OfferForm form = OfferForm.of(values);
			Set<Long> reviewed = lineIds(values.getFirst("lines"));
			if (reviewed.isEmpty() || !form.problems().isEmpty()) {
				return review(sku, form, false, model, exchange);
			}
			return rep()
				.flatMap((rep) -> waiting(sku).flatMap((lines) -> this.offering.make(sku, form, lines, reviewed, rep))
					.map((made) -> "redirect:" + UriComponentsBuilder.fromPath("/staff/substitutions")
						.queryParam("sku", "{sku}")
						.queryParam("offered", made.size())
						.queryParam("substitute", "{substitute}")
						.encode()
						.buildAndExpand(sku, form.substitute())
						.toUriString())
					.onErrorResume(Offering.QueueChanged.class, (ex) -> review(sku, form, true, model, exchange))
					.onErrorResume(InvalidInputException.class,
							(ex) -> refused(sku, form, field(ex.getField()), ex.getMessage(), model, exchange))
					.onErrorResume(NotFoundException.class,
							(ex) -> refused(sku, form, field(ex.getField()), ex.getMessage(), model, exchange)));
		});
	}

	private Mono<String> review(String sku, OfferForm form, boolean queueChanged, Model model,
			ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		Map<String, String> errors = new LinkedHashMap<>();
		form.problems()
			.forEach((field, code) -> errors.put(field,
					this.messages.getMessage(code, new Object[] { SubstitutionService.MAX_OPEN_DAYS }, locale)));
		if (!errors.isEmpty()) {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			return offerPage(sku, form, errors, null, false, model, exchange);
		}
		return rep()
			.flatMap((rep) -> waiting(sku).flatMap((lines) -> this.offering.rehearse(sku, form, lines, rep)
				.map((offers) -> review(form, lines, offers))
				.flatMap((review) -> offerPage(sku, form, Map.of(), review, queueChanged, model, exchange))))
			.onErrorResume(InvalidInputException.class,
					(ex) -> refused(sku, form, field(ex.getField()), ex.getMessage(), model, exchange))
			.onErrorResume(NotFoundException.class,
					(ex) -> refused(sku, form, field(ex.getField()), ex.getMessage(), model, exchange));
	}

	private Review review(OfferForm form, List<WaitingLine> lines, List<OfferView> offers) {
		Map<Long, WaitingLine> byId = lines.stream()
			.collect(Collectors.toMap(WaitingLine::lineId, (line) -> line, (a, b) -> a));
		List<Long> queueOrder = lines.stream().map(WaitingLine::lineId).toList();
		List<Review.Recipient> recipients = offers.stream()
			.sorted(Comparator.comparingInt((OfferView offer) -> queueOrder.indexOf(offer.lineId())))
			.map((offer) -> {
				WaitingLine line = byId.get(offer.lineId());
				return new Review.Recipient((line != null) ? line.orderNumber() : "",
						(line != null) ? line.customerName() : "", (line != null) ? line.customerEmail() : "",
						offer.quantity(), this.format.signedMoney(offer.priceDifferenceCents(), offer.currency()));
			})
			.toList();
		String expires = offers.isEmpty() ? "" : this.format.moment(offers.get(0).expiresAt());
		String lineIds = offers.stream().map((offer) -> Long.toString(offer.lineId())).collect(Collectors.joining(","));
		return new Review(recipients, lines.size(), expires, lineIds);
	}

	private Mono<String> refused(String sku, OfferForm form, String field, @Nullable String message, Model model,
			ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		return offerPage(sku, form, Map.of(field, String.valueOf(message)), null, false, model, exchange);
	}

	private Mono<String> offerPage(String sku, OfferForm form, Map<String, String> errors, @Nullable Review review,
			boolean queueChanged, Model model, ServerWebExchange exchange) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.just("redirect:/staff/substitutions");
		}
		return this.workbench.build(sku, 1, LiveFragments.locale(exchange)).map((view) -> {
			WorkbenchView.Sku waiting = view.skus().isEmpty() ? null : view.skus().get(0);
			if (waiting == null) {
				return redirectToWorkbench(sku);
			}
			model.addAttribute("sku", waiting);
			model.addAttribute("candidate", waiting.candidate(form.substitute()));
			model.addAttribute("form", form);
			model.addAttribute("errors", errors);
			model.addAttribute("review", review);
			model.addAttribute("queueChanged", queueChanged);
			model.addAttribute("changeUrl", form.changeUrl(sku));
			if (review == null && !errors.isEmpty()) {
				model.addAttribute("formError", true);
			}
			return OFFER;
		});
	}

	private static String redirectToWorkbench(String sku) {
		return "redirect:" + UriComponentsBuilder.fromPath("/staff/substitutions")
			.queryParam("sku", "{sku}")
			.encode()
			.buildAndExpand(sku)
			.toUriString();
	}

	/** A SKU's waiting lines, in queue order. */
	private Mono<List<WaitingLine>> waiting(String sku) {
		return this.queue.lines(List.of(sku)).map((lines) -> lines.getOrDefault(sku, List.of()));
	}

	/**
	 * The workbench's queue and offers, rendered again whenever an event may have changed
	 * them: an order placed or re-planned, units cancelled or shipped, an offer made or
	 * answered. The queue is the page the stream was opened for, with its pager, so a
	 * page is only ever given its own SKUs.
	 */
	@GetMapping(path = "/staff/substitutions/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	Flux<ServerSentEvent<String>> events(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String page, ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		String only = (sku != null && !sku.isBlank()) ? sku.strip() : null;
		int requested = Pager.requested(page);
		return SseSupport.opened(LiveFragments.named(SseSupport.stream(
				this.events.live().filter((event) -> SubstitutionQueue.changedBy(event.event())).sample(COALESCE),
				(event) -> this.workbench.build(only, requested, locale)
					.map((view) -> this.fragments.render(WORKBENCH, Set.of("queue", "offers"), locale,
							Map.of("workbench", view))))));
	}

	private static Mono<String> rep() {
		return StaffModelAdvice.currentStaff().map(StaffPrincipal::username);
	}

	/** The form field a service error is about. */
	private static String field(String serviceField) {
		return switch (serviceField) {
			case "substituteSku" -> "substitute";
			case "note" -> "note";
			case "expiresAt" -> "days";
			case "priceDifference", "priceDifferenceCents", "priceDifferencePerUnitCents" -> "priceDifference";
			default -> "target";
		};
	}

	private static Set<Long> lineIds(@Nullable String text) {
		if (text == null || !text.matches("\\d{1,18}(,\\d{1,18}){0,9999}")) {
			return Set.of();
		}
		return Arrays.stream(text.split(",")).map(Long::valueOf).collect(Collectors.toSet());
	}

	/**
	 * What an offer will do, from the rehearsal.
	 *
	 * @param recipients the orders and customers it goes to, in queue order
	 * @param waiting how many lines wait for the SKU
	 * @param expires until when the offer stands, in the shop's zone
	 * @param lineIds the lines offered to, comma-separated, sent back with the
	 * confirmation
	 */
	record Review(List<Recipient> recipients, int waiting, String expires, String lineIds) {

		/**
		 * One order the offer goes to.
		 *
		 * @param orderNumber the order
		 * @param customerName the customer's name
		 * @param customerEmail the customer's e-mail address
		 * @param units units of the substitute offered
		 * @param priceDifference what accepting costs more or less, with its sign
		 */
		record Recipient(String orderNumber, String customerName, String customerEmail, int units,
				String priceDifference) {
		}

	}

}
