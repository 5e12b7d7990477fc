package com.backorderdesk.staff.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.Enums;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.staff.LiveFragments;
import com.backorderdesk.staff.OfferRow;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.substitution.SubstituteUnavailableException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A rep acting for a customer on the staff order page: cancel waiting units, keep waiting
 * after a delay notice, accept or decline a substitute, change how the order ships and
 * which e-mails come. Every action needs a reason; the ones that cannot be undone
 * (cancel, accept, decline) are shown once more, with what they will do, and made only
 * when the rep confirms. Bad input is said next to its field and changes nothing.
 */
@Controller
class StaffOrderActionsController {

	/** The outcomes the order page can report after an action. */
	static final Set<String> DONE = Set.of("cancelled", "waiting", "accepted", "declined", "preferences", "unchanged",
			"nothing-waiting", "nothing-to-answer", "offer-closed", "offer-unavailable");

	private final StaffOrdersController pages;

	private final OrderService orders;

	private final OrderDetails details;

	private final CustomerActions actions;

	private final MessageSource messages;

	StaffOrderActionsController(StaffOrdersController pages, OrderService orders, OrderDetails details,
			CustomerActions actions, MessageSource messages) {
		this.pages = pages;
		this.orders = orders;
		this.details = details;
		this.actions = actions;
		this.messages = messages;
	}

	@PostMapping("/staff/orders/{number}/lines/{lineId}/cancel")
	Mono<String> cancel(@PathVariable String number, @PathVariable long lineId, Model model,
			ServerWebExchange exchange) {
		String key = "cancel-" + lineId;
		return act(number, key, model, exchange, (request) -> {
			OrderDetailView.Line line = request.order().line(lineId);
			if (line == null || line.waiting() == 0) {
				return Mono.just(done(number, "nothing-waiting", 0));
			}
			Integer units = request.units(line.waiting());
			String reason = request.reason();
			if (units == null || reason == null) {
				return request.invalid();
			}
			if (!request.confirmed()) {
				return request.confirm("/staff/orders/{number}/lines/" + lineId + "/cancel",
						text(request, "staff.order.act.cancel.confirm", units, line.productName()),
						List.of(text(request, "staff.order.act.cancel.then", units, line.waiting() - units),
								text(request, "staff.order.act.cancel.tell")),
						Map.of("units", Integer.toString(units)));
			}
			return this.actions.cancel(number, line, units, reason, request.rep())
				.map((cancelled) -> (cancelled == 0) ? done(number, "nothing-waiting", 0)
						: done(number, "cancelled", cancelled));
		});
	}

	@PostMapping("/staff/orders/{number}/lines/{lineId}/wait")
	Mono<String> keepWaiting(@PathVariable String number, @PathVariable long lineId, Model model,
			ServerWebExchange exchange) {
		return act(number, "wait-" + lineId, model, exchange, (request) -> {
			OrderDetailView.Line line = request.order().line(lineId);
			String reason = request.reason();
			if (line == null) {
				return Mono.just(done(number, "nothing-to-answer", 0));
			}
			if (reason == null) {
				return request.invalid();
			}
			return this.actions.keepWaiting(number, line, reason, request.rep())
				.map((answered) -> done(number, answered ? "waiting" : "nothing-to-answer", 0));
		});
	}

	@PostMapping("/staff/orders/{number}/offers/{offerId}/accept")
	Mono<String> accept(@PathVariable String number, @PathVariable long offerId, Model model,
			ServerWebExchange exchange) {
		return answer(number, offerId, true, model, exchange);
	}

	@PostMapping("/staff/orders/{number}/offers/{offerId}/decline")
	Mono<String> decline(@PathVariable String number, @PathVariable long offerId, Model model,
			ServerWebExchange exchange) {
		return answer(number, offerId, false, model, exchange);
	}

	private Mono<String> answer(String number, long offerId, boolean accept, Model model, ServerWebExchange exchange) {
		String verb = accept ? "accept" : "decline";
		return act(number, verb + "-" + offerId, model, exchange, (request) -> {
			OfferRow offer = request.order()
				.openOffers()
				.stream()
				.filter((open) -> open.id() == offerId)
				.findFirst()
				.orElse(null);
			String reason = request.reason();
			if (offer == null) {
				return Mono.just(done(number, "offer-closed", 0));
			}
			if (reason == null) {
				return request.invalid();
			}
			if (!request.confirmed()) {
				List<String> then = accept
						? List.of(
								text(request, "staff.order.act.accept.then", offer.quantity(), offer.substitute(),
										offer.original(), offer.priceDifference()),
								text(request, "staff.order.act.accept.tell"))
						: List.of(text(request, "staff.order.act.decline.then", offer.original()),
								text(request, "staff.order.act.decline.tell"));
				return request.confirm("/staff/orders/{number}/offers/" + offerId + "/" + verb,
						text(request, "staff.order.act." + verb + ".confirm", offer.substitute()), then, Map.of());
			}
			Mono<String> answered = accept
					? this.actions.accept(number, offerId, reason, request.rep()).thenReturn("accepted")
					: this.actions.decline(number, offerId, reason, request.rep()).thenReturn("declined");
			return answered.onErrorResume(SubstituteUnavailableException.class, (ex) -> Mono.just("offer-unavailable"))
				.onErrorResume(InvalidInputException.class, (ex) -> Mono.just("offer-closed"))
				.onErrorResume(NotFoundException.class, (ex) -> Mono.just("offer-closed"))
				.map((outcome) -> done(number, outcome, 0));
		});
	}

	@PostMapping("/staff/orders/{number}/preferences")
	Mono<String> preferences(@PathVariable String number, Model model, ServerWebExchange exchange) {
		return act(number, "preferences", model, exchange, (request) -> {
			ShipPreference ship = Enums.parse(ShipPreference.class, request.field("ship"));
			EmailPreference email = Enums.parse(EmailPreference.class, request.field("email"));
			if (ship == null) {
				request.reject("ship", "staff.order.act.error.ship");
			}
			if (email == null) {
				request.reject("email", "staff.order.act.error.email");
			}
			String reason = request.reason();
			if (ship == null || email == null || reason == null) {
				return request.invalid();
			}
			CustomerActions.Preferences before = new CustomerActions.Preferences(
					ShipPreference.valueOf(request.order().shipPreference()),
					EmailPreference.valueOf(request.order().emailPreference()));
			return this.actions.preferences(number, ship, email, before, reason, request.rep())
				.map((changed) -> done(number, changed ? "preferences" : "unchanged", 0));
		});
	}

	/**
	 * Reads the form, loads the order as the page shows it, and runs the action as the
	 * rep logged in.
	 * @param key which form of the page was sent, for its messages and values
	 */
	private Mono<String> act(String number, String key, Model model, ServerWebExchange exchange,
			Function<Request, Mono<String>> action) {
		Locale locale = LiveFragments.locale(exchange);
		return exchange.getFormData()
			.flatMap((form) -> this.orders.find(number)
				.flatMap((order) -> this.details.build(order, locale))
				.flatMap((order) -> StaffModelAdvice.currentStaff()
					.map(StaffPrincipal::username)
					.flatMap((rep) -> action
						.apply(new Request(number, key, order, form, rep, locale, model, exchange)))))
			.switchIfEmpty(Mono.fromSupplier(() -> StaffOrdersController.missing(number)));
	}

	private String text(Request request, String code, Object... args) {
		return this.messages.getMessage(code, args, request.locale());
	}

	private static String done(String number, String outcome, int units) {
		return "redirect:" + UriComponentsBuilder.fromPath("/staff/orders/{number}")
			.queryParam("done", outcome)
			.queryParam("units", units)
			.fragment("act")
			.encode()
			.buildAndExpand(number)
			.toUriString();
	}

	/**
	 * One action request: the form as sent, the order as the page shows it, and what to
	 * say back.
	 */
	private final class Request {

		private final String number;

		private final String key;

		private final OrderDetailView order;

		private final MultiValueMap<String, String> form;

		private final String rep;

		private final Locale locale;

		private final Model model;

		private final ServerWebExchange exchange;

		private final Map<String, String> errors = new LinkedHashMap<>();

		Request(String number, String key, OrderDetailView order, MultiValueMap<String, String> form, String rep,
				Locale locale, Model model, ServerWebExchange exchange) {
			this.number = number;
			this.key = key;
			this.order = order;
			this.form = form;
			this.rep = rep;
			this.locale = locale;
			this.model = model;
			this.exchange = exchange;
		}

		OrderDetailView order() {
			return this.order;
		}

		String rep() {
			return this.rep;
		}

		Locale locale() {
			return this.locale;
		}

		String field(String name) {
			return Objects.requireNonNullElse(this.form.getFirst(name), "").strip();
		}

		boolean confirmed() {
			return "true".equals(field("confirmed"));
		}

		/** The reason given, or {@code null} with a message next to the field. */
		@Nullable String reason() {
			try {
				return CustomerActions.reason(field("reason"));
			}
			catch (InvalidInputException ex) {
				reject("reason", (field("reason").isEmpty()) ? "staff.order.act.error.reasonMissing"
						: "staff.order.act.error.reason", CustomerActions.MAX_REASON);
				return null;
			}
		}

		/** The units asked for, from 1 to what waits, or {@code null} with a message. */
		@Nullable Integer units(int waiting) {
			try {
				int units = Integer.parseInt(field("units"));
				if (units >= 1 && units <= waiting) {
					return units;
				}
			}
			catch (NumberFormatException ex) {
				// said below
			}
			reject("units", "staff.order.act.error.units", waiting);
			return null;
		}

		void reject(String field, String code, Object... args) {
			this.errors.putIfAbsent(this.key + "." + field, text(this, code, args));
		}

		/** Shows the page again with the form as sent and its messages. */
		Mono<String> invalid() {
			this.exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			this.model.addAttribute("actErrors", this.errors);
			return show();
		}

		/**
		 * Shows the page with the action described once more and a button that makes it.
		 * @param action the form's address, a template of {@code {number}}
		 * @param title what will be done
		 * @param then what follows from it
		 * @param hidden the form's fields besides the reason
		 */
		Mono<String> confirm(String action, String title, List<String> then, Map<String, String> hidden) {
			Map<String, String> fields = new LinkedHashMap<>(hidden);
			fields.put("reason", field("reason"));
			fields.put("confirmed", "true");
			this.model.addAttribute("confirm",
					new Confirmation(
							UriComponentsBuilder.fromPath(action).encode().buildAndExpand(this.number).toUriString(),
							title, then, field("reason"), fields));
			return show();
		}

		private Mono<String> show() {
			Map<String, String> values = new LinkedHashMap<>();
			this.form.toSingleValueMap().forEach((name, value) -> values.put(this.key + "." + name, value));
			this.model.addAttribute("actValues", values);
			this.model.addAttribute("actOpen", this.key);
			return StaffOrderActionsController.this.pages.page(this.number, this.model, this.exchange, "", null);
		}

	}

	/**
	 * An action shown once more before it is made.
	 *
	 * @param action where the confirming form goes
	 * @param title what will be done
	 * @param then what follows from it, sentence by sentence
	 * @param reason the reason the rep gave
	 * @param fields the form's fields, sent again with the confirmation
	 */
	record Confirmation(String action, String title, List<String> then, String reason, Map<String, String> fields) {
	}

}
