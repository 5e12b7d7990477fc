package com.backorderdesk.customer;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.Enums;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.substitution.SubstituteUnavailableException;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The customer's choices on their order page: take or refuse a substitute, cancel what
 * waits, how to ship and which e-mails to get. Every choice is a POST (with the CSRF
 * token), safe to repeat, and lands back on the order page with a notice, where every
 * other open page of the order sees the change live.
 */
@Controller
class OrderChoicesController {

	/** The notices the order page knows how to say. */
	static final Set<String> NOTICES = Set.of("offer-accepted", "offer-declined", "offer-unavailable", "offer-closed",
			"cancelled", "preferences-saved", "preferences-invalid", "waiting", "nothing-to-answer");

	private static final String ACTOR = "customer";

	private final OrderController orders;

	private final OrderChoices choices;

	private final SubstitutionService substitutions;

	OrderChoicesController(OrderController orders, OrderChoices choices, SubstitutionService substitutions) {
		this.orders = orders;
		this.choices = choices;
		this.substitutions = substitutions;
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

	@PostMapping("/orders/{number}/lines/{lineId}/cancel")
	Mono<String> cancelWaiting(@PathVariable String number, @PathVariable long lineId, ServerWebExchange exchange) {
		return choose(number, exchange, this.choices.cancelWaiting(number, lineId, ACTOR).thenReturn("cancelled"));
	}

	@PostMapping("/orders/{number}/lines/{lineId}/wait")
	Mono<String> keepWaiting(@PathVariable String number, @PathVariable long lineId, ServerWebExchange exchange) {
		return choose(number, exchange, this.choices.confirmWait(number, lineId, ACTOR)
			.map((answered) -> answered ? "waiting" : "nothing-to-answer"));
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

}
