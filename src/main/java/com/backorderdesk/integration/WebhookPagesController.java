package com.backorderdesk.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admin pages for webhooks: the endpoints with what they subscribe to and how their
 * deliveries stand, a form to add one (its secret shown once, on the page that answers
 * the form), and per endpoint its switch, a test event, and its delivery log with every
 * attempt's status code and a button that sends a dead delivery again.
 */
@Controller
class WebhookPagesController {

	static final String PATH = "/staff/admin/webhooks";

	private static final String LIST = "integration/webhooks";

	private static final String DETAIL = "integration/webhook";

	private static final int LOG_SIZE = 50;

	private static final Set<String> NOTICES = Set.of("deleted", "enabled", "disabled", "test", "redelivered");

	private final WebhookEndpoints endpoints;

	private final StaffPages pages;

	WebhookPagesController(WebhookEndpoints endpoints, StaffPages pages) {
		this.endpoints = endpoints;
		this.pages = pages;
	}

	@GetMapping(PATH)
	Mono<String> list(@RequestParam(required = false) @Nullable String notice, Model model) {
		notice(notice, model);
		return list(model, new AddForm("", List.of(), ""), Map.of());
	}

	@PostMapping(PATH)
	Mono<String> add(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			AddForm entered = new AddForm(text(form, "url"), form.getOrDefault("eventTypes", List.of()),
					text(form, "description"));
			return StaffPages.current()
				.flatMap((admin) -> this.endpoints.create(entered.url(), entered.eventTypes(), entered.description(),
						admin.username()))
				.flatMap((created) -> {
					model.addAttribute("created", created);
					return list(model, new AddForm("", List.of(), ""), Map.of());
				})
				.onErrorResume(InvalidValueException.class,
						(ex) -> refused(exchange, model, entered, ex.getField(), ex.getMessage()))
				.onErrorResume(InvalidInputException.class,
						(ex) -> refused(exchange, model, entered, ex.getField(), ex.getMessage()));
		});
	}

	private Mono<String> refused(ServerWebExchange exchange, Model model, AddForm entered, String field,
			@Nullable String message) {
		exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
		// eventTypes[2] is shown next to the event types
		String shown = field.startsWith("eventTypes") ? "eventTypes" : field;
		return list(model, entered, Map.of(shown, Objects.toString(message, "")));
	}

	private Mono<String> list(Model model, AddForm form, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("allTypes", WebhookEventType.wireNames());
		return this.endpoints.list().zipWith(this.endpoints.counts()).map((found) -> {
			List<EndpointRow> rows = new ArrayList<>();
			for (WebhookEndpoint endpoint : found.getT1()) {
				WebhookStore.Counts counts = found.getT2().get(endpoint.id());
				rows.add(new EndpointRow(endpoint, (counts != null) ? counts.pending() : 0,
						(counts != null) ? counts.dead() : 0, this.pages.moment(endpoint.createdAt())));
			}
			model.addAttribute("endpoints", rows);
			return LIST;
		});
	}

	@GetMapping(PATH + "/{id}")
	Mono<String> detail(@PathVariable long id, @RequestParam(required = false) @Nullable String notice,
			ServerWebExchange exchange, Model model) {
		notice(notice, model);
		return detail(id, model).onErrorResume(NotFoundException.class, (ex) -> missing(exchange, model, ex));
	}

	private Mono<String> detail(long id, Model model) {
		return this.endpoints.find(id)
			.zipWhen((endpoint) -> this.endpoints.log(id, LOG_SIZE))
			.flatMap((found) -> this.endpoints.attempts(found.getT2().stream().map(DeliveryLogEntry::id).toList())
				.map((attempts) -> {
					model.addAttribute("endpoint", found.getT1());
					model.addAttribute("created", this.pages.moment(found.getT1().createdAt()));
					model.addAttribute("deliveries",
							found.getT2()
								.stream()
								.map((entry) -> new DeliveryRow(entry, this.pages.moment(entry.createdAt()),
										entry.status().equals("PENDING") ? this.pages.moment(entry.nextAttemptAt())
												: "",
										attempts.getOrDefault(entry.id(), List.of())))
								.toList());
					return DETAIL;
				}));
	}

	@PostMapping(PATH + "/{id}/active")
	Mono<String> switchActive(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			boolean active = "true".equals(form.getFirst("active"));
			Long version = StaffPages.number(form.getFirst("version"));
			if (version == null) {
				return conflict(id, exchange, model, "The form was incomplete: reload the page.");
			}
			return StaffPages.current()
				.flatMap((admin) -> this.endpoints.setActive(id, active, version, admin.username()))
				.map((endpoint) -> done(id, active ? "enabled" : "disabled"))
				.onErrorResume(ConflictException.class,
						(ex) -> conflict(id, exchange, model, Objects.toString(ex.getMessage(), "")))
				.onErrorResume(NotFoundException.class, (ex) -> missing(exchange, model, ex));
		});
	}

	@PostMapping(PATH + "/{id}/test")
	Mono<String> test(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return StaffPages.current()
			.flatMap((admin) -> this.endpoints.sendTest(id, admin.username()))
			.map((deliveryId) -> done(id, "test"))
			.onErrorResume(NotFoundException.class, (ex) -> missing(exchange, model, ex));
	}

	@PostMapping(PATH + "/{id}/deliveries/{deliveryId}/redeliver")
	Mono<String> redeliver(@PathVariable long id, @PathVariable long deliveryId, ServerWebExchange exchange,
			Model model) {
		return StaffPages.current()
			.flatMap((admin) -> this.endpoints.redeliver(id, deliveryId, admin.username()))
			.thenReturn(done(id, "redelivered"))
			.onErrorResume(NotFoundException.class, (ex) -> ex.getField().isEmpty() ? missing(exchange, model, ex)
					: conflict(id, exchange, model, Objects.toString(ex.getMessage(), "")));
	}

	@PostMapping(PATH + "/{id}/delete")
	Mono<String> delete(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return StaffPages.current()
			.flatMap((admin) -> this.endpoints.delete(id, admin.username()))
			.thenReturn("redirect:" + PATH + "?notice=deleted")
			.onErrorResume(NotFoundException.class, (ex) -> missing(exchange, model, ex));
	}

	private Mono<String> conflict(long id, ServerWebExchange exchange, Model model, String message) {
		exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
		model.addAttribute("conflict", message);
		return detail(id, model).onErrorResume(NotFoundException.class, (ex) -> missing(exchange, model, ex));
	}

	private Mono<String> missing(ServerWebExchange exchange, Model model, Exception ex) {
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		model.addAttribute("conflict", ex.getMessage());
		return list(model, new AddForm("", List.of(), ""), Map.of());
	}

	private static void notice(@Nullable String notice, Model model) {
		if (notice != null && NOTICES.contains(notice)) {
			model.addAttribute("notice", notice);
		}
	}

	private static String done(long id, String notice) {
		return "redirect:" + PATH + "/" + id + "?notice=" + notice;
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return (value != null) ? value : "";
	}

	/**
	 * What the add form shows.
	 *
	 * @param url the URL entered
	 * @param eventTypes the types ticked
	 * @param description the description entered
	 */
	record AddForm(String url, List<String> eventTypes, String description) {

		public boolean has(String type) {
			return this.eventTypes.contains(type);
		}

	}

	/**
	 * An endpoint in the list.
	 *
	 * @param endpoint the endpoint
	 * @param pending deliveries waiting or being sent
	 * @param dead deliveries given up
	 * @param created when it was created, formatted
	 */
	record EndpointRow(WebhookEndpoint endpoint, long pending, long dead, String created) {
	}

	/**
	 * A delivery in the log.
	 *
	 * @param entry the delivery
	 * @param created when its message was written, formatted
	 * @param next when a pending one is tried next, formatted
	 * @param attempts each attempt's status code or error
	 */
	record DeliveryRow(DeliveryLogEntry entry, String created, String next, List<String> attempts) {
	}

}
