package com.backorderdesk.notification;

import reactor.core.publisher.Mono;

import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.security.CustomerLinks;
import com.backorderdesk.security.LinkCheck;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Unsubscribing from an order's e-mail. The link in every e-mail's footer opens a page
 * that asks (a mail scanner's GET changes nothing); the confirm button and mail clients'
 * RFC 8058 one-click unsubscribe POST to the same address, which needs neither a session
 * nor a CSRF token: its signed token is the proof, and it can only turn e-mail off.
 */
@Controller
class UnsubscribeController {

	/** The token's purpose: a link to the order page does not unsubscribe. */
	static final String PURPOSE = "UNSUBSCRIBE";

	static final String PATH = "/unsubscribe/";

	private static final String VIEW = "notification/unsubscribe";

	private final CustomerLinks links;

	private final OrderChoices choices;

	UnsubscribeController(CustomerLinks links, OrderChoices choices) {
		this.links = links;
		this.choices = choices;
	}

	@GetMapping(PATH + "{token}")
	Mono<String> confirm(@PathVariable String token, Model model, ServerWebExchange exchange) {
		return checked(token, model, exchange).map((check) -> {
			model.addAttribute("state", "confirm");
			model.addAttribute("number", check.number());
			model.addAttribute("action", PATH + token);
			return VIEW;
		}).defaultIfEmpty(VIEW);
	}

	@PostMapping(PATH + "{token}")
	Mono<String> unsubscribe(@PathVariable String token, Model model, ServerWebExchange exchange) {
		return checked(token, model, exchange)
			.flatMap((check) -> this.choices.setEmailPreference(check.number(), EmailPreference.NONE, "customer")
				.thenReturn(check))
			.map((check) -> {
				model.addAttribute("state", "done");
				model.addAttribute("number", check.number());
				return VIEW;
			})
			.defaultIfEmpty(VIEW);
	}

	/** The link's order, or empty with the page set up to say what is wrong. */
	private Mono<LinkCheck> checked(String token, Model model, ServerWebExchange exchange) {
		// the token must not travel on to any page linked from here
		exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
		return this.links.verify(token, PURPOSE).flatMap((check) -> {
			if (check.isValid()) {
				return Mono.just(check);
			}
			exchange.getResponse()
				.setStatusCode(
						(check.outcome() == LinkCheck.Outcome.INVALID) ? HttpStatus.BAD_REQUEST : HttpStatus.GONE);
			model.addAttribute("state", "invalid");
			return Mono.empty();
		});
	}

}
