package com.backorderdesk.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.Enums;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.substitution.SubstituteUnavailableException;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ServerWebExchange;

/**
 * The customer's choices on their order page: take or refuse a substitute, cancel what
 * waits, how to ship and which e-mails to get.
 *
 * <p>
 * Cancelling and answering an offer are final, so each is shown first: a GET names the
 * items and what will happen, as a page of its own, or (asked with
 * {@value #INLINE_HEADER}, by the page's script) as a panel opened on the order page; its
 * button POSTs (with the CSRF token) the choice. Every POST is safe to repeat and lands
 * back on the order page with a notice, where every other open page of the order sees the
 * change live.
 */
@Controller
class OrderChoicesController {

	/** The notices the order page knows how to say. */
	static final Set<String> NOTICES = Set.of("offer-accepted", "offer-declined", "offer-unavailable", "offer-closed",
			"cancelled", "cancel-invalid", "nothing-waiting", "preferences-saved", "preferences-invalid", "waiting",
			"nothing-to-answer", "line-not-found");

	/** Sent by the order page's script to get a confirmation as a panel, not a page. */
	static final String INLINE_HEADER = "X-Confirm-Inline";

	private static final String CONFIRM = "customer/confirm";

	private static final String ACTOR = "customer";

	private final OrderController orders;

	private final OrderPage page;

	private final OrderChoices choices;

	private final SubstitutionService substitutions;

	private final MessageSource messages;

	OrderChoicesController(OrderController orders, OrderPage page, OrderChoices choices,
			SubstitutionService substitutions, MessageSource messages) {
		this.orders = orders;
		this.page = page;
		this.choices = choices;
		this.substitutions = substitutions;
		this.messages = messages;
	}

	@GetMapping("/orders/{number}/lines/{lineId}/cancel")
	Mono<String> confirmCancel(@PathVariable String number, @PathVariable long lineId,
			@RequestHeader(name = INLINE_HEADER, required = false) @Nullable String inline, Model model,
			ServerWebExchange exchange) {
		return confirm(number, inline, model, exchange, (view, text) -> {
			OrderPageView.Line line = view.line(lineId);
			if (line == null || line.waiting() == 0) {
				return null;
			}
			List<String> explanation = new ArrayList<>();
			explanation.add(text.get("confirm.cancel.waiting", line.waiting(), line.detail()));
			explanation.add(text.get("confirm.cancel.what"));
			return new ConfirmView("cancel", text.get("confirm.cancel.heading", line.productName()), explanation, null,
					base(view) + "/lines/" + lineId + "/cancel", text.get("confirm.cancel.submit"),
					base(view) + "#line-" + lineId, line.waiting(), "line-" + lineId);
		}, (view) -> (view.line(lineId) == null) ? "line-not-found" : "nothing-waiting");
	}

	@GetMapping("/orders/{number}/offers/{offerId}/accept")
	Mono<String> confirmAccept(@PathVariable String number, @PathVariable long offerId,
			@RequestHeader(name = INLINE_HEADER, required = false) @Nullable String inline, Model model,
			ServerWebExchange exchange) {
		return confirmOffer(number, offerId, inline, model, exchange, (view, offer, line, text) -> {
			if (!offer.available()) {
				return null;
			}
			List<String> explanation = List.of(
					text.get("confirm.accept.what", offer.quantity(), offer.substituteName(), line.productName()),
					offer.price(), text.get("confirm.accept.original", line.productName(), line.waiting()));
			return new ConfirmView("accept", text.get("confirm.accept.heading", offer.substituteName()), explanation,
					null, base(view) + "/offers/" + offerId + "/accept", text.get("confirm.accept.submit"),
					base(view) + "#offer-" + offerId, 0, "offer-" + offerId);
		});
	}

	@GetMapping("/orders/{number}/offers/{offerId}/decline")
	Mono<String> confirmDecline(@PathVariable String number, @PathVariable long offerId,
			@RequestHeader(name = INLINE_HEADER, required = false) @Nullable String inline, Model model,
			ServerWebExchange exchange) {
		return confirmOffer(number, offerId, inline, model, exchange, (view, offer, line, text) -> {
			List<String> explanation = List.of(
					text.get("confirm.decline.what", line.productName(), offer.substituteName(), line.detail()),
					text.get("confirm.decline.later"));
			return new ConfirmView("decline", text.get("confirm.decline.heading", line.productName()), explanation,
					null, base(view) + "/offers/" + offerId + "/decline", text.get("confirm.decline.submit"),
					base(view) + "#offer-" + offerId, 0, "offer-" + offerId);
		});
	}

	@PostMapping("/orders/{number}/offers/{offerId}/accept")
	Mono<String> accept(@PathVariable String number, @PathVariable long offerId, ServerWebExchange exchange) {
		return choose(number, exchange,
				this.substitutions.accept(number, offerId, ACTOR)
					.thenReturn("offer-accepted")
					.onErrorResume(SubstituteUnavailableException.class, (ex) -> Mono.just("offer-unavailable")));
	}

	@PostMapping("/orders/{number}/offers/{offerId}/decline")
	Mono<String> decline(@PathVariable String number, @PathVariable long offerId, ServerWebExchange exchange) {
		return choose(number, exchange,
				this.substitutions.decline(number, offerId, ACTOR).thenReturn("offer-declined"));
	}

	/**
	 * Cancels the waiting units the customer picked ({@code units}), or all that wait
	 * when the form names none.
	 */
	@PostMapping("/orders/{number}/lines/{lineId}/cancel")
	Mono<String> cancelWaiting(@PathVariable String number, @PathVariable long lineId, ServerWebExchange exchange) {
		Mono<String> cancelled = exchange.getFormData().flatMap((form) -> {
			String asked = form.getFirst("units");
			int units;
			try {
				units = (asked == null || asked.isBlank()) ? OrderChoices.ALL_WAITING : Integer.parseInt(asked.strip());
			}
			catch (NumberFormatException ex) {
				return Mono.just("cancel-invalid");
			}
			return this.choices.cancelWaiting(number, lineId, units, CancelReason.CUSTOMER_REQUEST, ACTOR)
				.map((done) -> (done > 0) ? "cancelled" : "nothing-waiting")
				.onErrorResume(InvalidInputException.class, (ex) -> Mono.just("cancel-invalid"))
				.onErrorResume(NotFoundException.class, (ex) -> Mono.just("line-not-found"));
		});
		return choose(number, exchange, cancelled);
	}

	@PostMapping("/orders/{number}/lines/{lineId}/wait")
	Mono<String> keepWaiting(@PathVariable String number, @PathVariable long lineId, ServerWebExchange exchange) {
		return choose(number, exchange,
				this.choices.confirmWait(number, lineId, ACTOR)
					.map((answered) -> answered ? "waiting" : "nothing-to-answer")
					.onErrorResume(NotFoundException.class, (ex) -> Mono.just("line-not-found")));
	}

	@PostMapping("/orders/{number}/preferences")
	Mono<String> preferences(@PathVariable String number, ServerWebExchange exchange) {
		Mono<String> saved = exchange.getFormData().flatMap((form) -> {
			ShipPreference ship = Enums.parse(ShipPreference.class, form.getFirst("ship"));
			EmailPreference email = Enums.parse(EmailPreference.class, form.getFirst("email"));
			if (ship == null || email == null) {
				return Mono.just("preferences-invalid");
			}
			return this.choices.setShipPreference(number, ship, ACTOR)
				.then(this.choices.setEmailPreference(number, email, ACTOR))
				.thenReturn("preferences-saved");
		});
		return choose(number, exchange, saved);
	}

	/**
	 * Makes a choice for an order this browser may see, and answers with the page to go
	 * back to. An offer or line that no longer allows the choice says so rather than
	 * failing.
	 */
	private Mono<String> choose(String number, ServerWebExchange exchange, Mono<String> choice) {
		return this.orders.accessible(number, exchange)
			.flatMap((order) -> choice.onErrorResume(InvalidInputException.class, (ex) -> Mono.just("offer-closed"))
				.onErrorResume(NotFoundException.class, (ex) -> Mono.just("offer-closed"))
				.map((notice) -> "redirect:/orders/" + order.number() + "?notice=" + notice))
			.defaultIfEmpty(OrderController.NO_ACCESS);
	}

	/**
	 * Shows a choice before it is made, as a page or (asked by the page's script) as the
	 * panel alone. A choice the order no longer offers (the item stopped waiting, the
	 * offer closed) goes back to the order page, which says where things stand.
	 */
	private Mono<String> confirm(String number, @Nullable String inline, Model model, ServerWebExchange exchange,
			Confirmation confirmation) {
		return confirm(number, inline, model, exchange, confirmation, (view) -> "offer-closed");
	}

	/**
	 * Shows a choice, or when it cannot be made goes back to the order page with the
	 * notice {@code refused} names for the page as it is.
	 */
	private Mono<String> confirm(String number, @Nullable String inline, Model model, ServerWebExchange exchange,
			Confirmation confirmation, Function<OrderPageView, String> refused) {
		return this.orders.accessible(number, exchange).flatMap((order) -> {
			Locale locale = exchange.getLocaleContext().getLocale();
			PageText text = new PageText(this.messages, (locale != null) ? locale : Locale.ENGLISH);
			return this.page.build(order, text.locale()).map((view) -> {
				ConfirmView confirm = confirmation.of(view, text);
				if (confirm == null) {
					return "redirect:/orders/" + order.number() + "?notice=" + refused.apply(view);
				}
				model.addAttribute("order", view);
				model.addAttribute("confirm", confirm);
				// a page of its own has the page's one level-one heading; inline, the
				// panel
				// sits under the order's
				model.addAttribute("standalone", inline == null);
				return (inline != null) ? CONFIRM + " :: panel" : CONFIRM;
			});
		}).defaultIfEmpty(OrderController.NO_ACCESS);
	}

	/** Shows a choice about an offer still open, and the line it is for. */
	private Mono<String> confirmOffer(String number, long offerId, @Nullable String inline, Model model,
			ServerWebExchange exchange, OfferConfirmation confirmation) {
		return confirm(number, inline, model, exchange, (view, text) -> {
			OrderPageView.Offer offer = view.offer(offerId);
			OrderPageView.Line line = (offer != null) ? view.line(offer.lineId()) : null;
			return (offer != null && line != null) ? confirmation.of(view, offer, line, text) : null;
		}, (view) -> {
			// open, but its substitute sold out: say so, as accepting it would
			OrderPageView.Offer offer = view.offer(offerId);
			return (offer != null && !offer.available()) ? "offer-unavailable" : "offer-closed";
		});
	}

	private static String base(OrderPageView view) {
		return "/orders/" + view.number();
	}

	/**
	 * Words one choice about the order as the page shows it; null when it is not open.
	 */
	@FunctionalInterface
	private interface Confirmation {

		@Nullable ConfirmView of(OrderPageView view, PageText text);

	}

	/**
	 * Words a choice about an open offer; null when it cannot be made.
	 */
	@FunctionalInterface
	private interface OfferConfirmation {

		@Nullable ConfirmView of(OrderPageView view, OrderPageView.Offer offer, OrderPageView.Line line, PageText text);

	}

}
