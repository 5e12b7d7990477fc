package com.backorderdesk.staff.substitutions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.substitution.OfferEvent;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferToAll;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionQueue;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.substitution.WaitingLine;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.SseSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;
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
 * substitutes, offers to one order or to every waiting order at once (each audited in the
 * offer's transaction), and customers' answers arriving live.
 */
@Controller
class SubstitutionsController {

	/** Bursts of offer events (an offer to many orders) become one update. */
	private static final Duration COALESCE = Duration.ofMillis(250);

	private final Workbench workbench;

	private final SubstitutionService substitutions;

	private final SubstitutionQueue queue;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final OrderEventStream events;

	private final LiveFragments fragments;

	private final Clock clock;

	SubstitutionsController(Workbench workbench, SubstitutionService substitutions, SubstitutionQueue queue,
			AuditLog audit, TransactionalOperator transactions, OrderEventStream events, LiveFragments fragments,
			Clock clock) {
		this.workbench = workbench;
		this.substitutions = substitutions;
		this.queue = queue;
		this.audit = audit;
		this.transactions = transactions;
		this.events = events;
		this.fragments = fragments;
		this.clock = clock;
	}

	@GetMapping("/staff/substitutions")
	Mono<String> workbench(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String offered,
			@RequestParam(required = false) @Nullable String substitute, Model model, ServerWebExchange exchange) {
		if (offered != null && offered.matches("\\d{1,6}") && substitute != null) {
			model.addAttribute("offered", Integer.parseInt(offered));
			model.addAttribute("offeredSubstitute", substitute);
		}
		return show((sku != null && !sku.isBlank()) ? sku.strip() : null, model, exchange, null);
	}

	@PostMapping("/staff/substitutions/{sku}/offers")
	Mono<String> offer(@PathVariable String sku, Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			WorkbenchView.Form submitted = new WorkbenchView.Form(field(form, "substitute"), field(form, "target"),
					field(form, "priceDifference"), field(form, "note"), field(form, "days"), Map.of());
			Map<String, String> errors = new LinkedHashMap<>();
			if (submitted.substitute().isEmpty()) {
				errors.put("substitute", "Choose a substitute.");
			}
			Integer days = days(submitted.days());
			if (days == null) {
				errors.put("days", "Enter a whole number of days from 1 to " + SubstitutionService.MAX_OPEN_DAYS + ".");
			}
			Optional<Long> perUnit = cents(submitted.priceDifference());
			if (perUnit == null) {
				errors.put("priceDifference", "Enter an amount like 5.00 or -2.50, or leave it empty.");
			}
			if (!errors.isEmpty()) {
				return failed(model, exchange, sku, submitted, errors);
			}
			Instant expiresAt = this.clock.instant().plus(Duration.ofDays(days));
			return StaffModelAdvice.currentStaff()
				.map(StaffPrincipal::username)
				.flatMap((actor) -> this.queue.lines(List.of(sku))
					.map((lines) -> lines.getOrDefault(sku, List.of()))
					.flatMap((lines) -> offer(sku, submitted, perUnit.orElse(null), expiresAt, lines, actor)))
				.map((count) -> "redirect:" + UriComponentsBuilder.fromPath("/staff/substitutions")
					.queryParam("sku", sku)
					.queryParam("offered", count)
					.queryParam("substitute", submitted.substitute())
					.encode()
					.build()
					.toUriString())
				.onErrorResume(InvalidInputException.class,
						(ex) -> failed(model, exchange, sku, submitted, Map.of(field(ex.getField()), ex.getMessage())))
				.onErrorResume(NotFoundException.class,
						(ex) -> failed(model, exchange, sku, submitted, Map.of(field(ex.getField()), ex.getMessage())));
		});
	}

	/**
	 * Makes the offers and their audit entries in one transaction.
	 * @return how many offers were made
	 */
	private Mono<Integer> offer(String sku, WorkbenchView.Form form, @Nullable Long perUnit, Instant expiresAt,
			List<WaitingLine> lines, String actor) {
		Mono<List<OfferView>> made;
		if ("all".equals(form.target())) {
			made = this.substitutions
				.offerToAll(new OfferToAll(sku, form.substitute(), perUnit, form.note(), expiresAt), actor);
		}
		else {
			WaitingLine line = lines.stream()
				.filter((candidate) -> Long.toString(candidate.lineId()).equals(form.target()))
				.findFirst()
				.orElse(null);
			if (line == null) {
				return Mono.error(new InvalidInputException("target",
						"That order no longer waits for this item; choose another or all orders."));
			}
			Long difference;
			try {
				difference = (perUnit != null) ? Math.multiplyExact(perUnit, line.waiting()) : null;
			}
			catch (ArithmeticException ex) {
				return Mono.error(new InvalidValueException("priceDifference", "Enter a smaller amount."));
			}
			made = this.substitutions
				.offer(new NewOffer(line.orderNumber(), line.lineId(), form.substitute(), line.waiting(), form.note(),
						expiresAt, difference), actor)
				.map(List::of);
		}
		Map<Long, String> numbers = new LinkedHashMap<>();
		lines.forEach((line) -> numbers.put(line.lineId(), line.orderNumber()));
		return made
			.flatMap((offers) -> Flux.fromIterable(offers)
				.concatMap((offer) -> this.audit.record(actor, "SUBSTITUTE_OFFERED",
						"order " + numbers.getOrDefault(offer.lineId(), "id " + offer.orderId()), null, offer))
				.then(Mono.just(offers.size())))
			.as(this.transactions::transactional);
	}

	@GetMapping(path = "/staff/substitutions/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	Flux<ServerSentEvent<String>> events(ServerWebExchange exchange) {
		Locale locale = LiveFragments.locale(exchange);
		return LiveFragments
			.named(SseSupport
				.stream(this.events.live().filter((event) -> event.event() instanceof OfferEvent).sample(COALESCE),
						(event) -> this.workbench.offers()
							.map((offers) -> this.fragments.render("staff/substitutions/substitutions",
									Set.of("offers"), locale,
									Map.of("workbench", new WorkbenchView(null, 0, 0, List.of(), offers))))));
	}

	private Mono<String> failed(Model model, ServerWebExchange exchange, String sku, WorkbenchView.Form submitted,
			Map<String, String> errors) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		WorkbenchView.Form form = new WorkbenchView.Form(submitted.substitute(), submitted.target(),
				submitted.priceDifference(), submitted.note(), submitted.days(), errors);
		model.addAttribute("formError", true);
		return show(sku, model, exchange, new Workbench.Failed(sku, form));
	}

	private Mono<String> show(@Nullable String sku, Model model, ServerWebExchange exchange,
			Workbench.@Nullable Failed failed) {
		return this.workbench.build(sku, LiveFragments.locale(exchange), failed).map((view) -> {
			model.addAttribute("workbench", view);
			return "staff/substitutions/substitutions";
		});
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

	private static String field(MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		return (value != null) ? value.strip() : "";
	}

	/**
	 * Reads the days the offer stays open, within the service's bound so that the page
	 * says so together with any other field's problem.
	 */
	private static @Nullable Integer days(String value) {
		if (!value.matches("\\d{1,3}")) {
			return null;
		}
		int days = Integer.parseInt(value);
		return (days >= 1 && days <= SubstitutionService.MAX_OPEN_DAYS) ? days : null;
	}

	/**
	 * Reads an amount typed in the currency's main unit.
	 * @return the cents, empty when nothing was typed, {@code null} when it is not an
	 * amount
	 */
	static @Nullable Optional<Long> cents(String value) {
		if (value.isEmpty()) {
			return Optional.empty();
		}
		String normalized = value.replace(",", ".").replace("−", "-").replace(" ", "");
		// the service bounds the amount; the digits only have to fit the cents in a long
		if (!normalized.matches("[+-]?\\d{1,12}(\\.\\d{1,2})?")) {
			return null;
		}
		return Optional.of(new BigDecimal(normalized).movePointRight(2).longValueExact());
	}

}
