package com.backorderdesk.customer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InvalidValueException;
import com.backorderdesk.security.ClientAddress;
import com.backorderdesk.security.CustomerLinks;
import com.backorderdesk.security.LinkCheck;
import com.backorderdesk.security.LookupResult;
import com.backorderdesk.security.OrderAccess;
import com.backorderdesk.security.OrderLookup;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The portal's front door: a customer finds their order by number and e-mail, or opens it
 * from a signed link.
 */
@Controller
class LookupController {

	static final String VIEW = "customer/lookup";

	private static final String NO_REFERRER = "no-referrer";

	private final OrderLookup lookup;

	private final OrderAccess access;

	private final CustomerLinks links;

	private final MessageSource messages;

	LookupController(OrderLookup lookup, OrderAccess access, CustomerLinks links, MessageSource messages) {
		this.lookup = lookup;
		this.access = access;
		this.links = links;
		this.messages = messages;
	}

	@GetMapping("/")
	String lookup(@RequestParam(name = "access", required = false) @Nullable String access, Model model,
			ServerWebExchange exchange) {
		model.addAttribute("lookupForm", new LookupForm("", ""));
		if ("required".equals(access)) {
			model.addAttribute("notice", message(exchange, "lookup.accessRequired"));
		}
		return VIEW;
	}

	@PostMapping("/lookup")
	Mono<String> find(@ModelAttribute("lookupForm") LookupForm form, Model model, ServerWebExchange exchange) {
		return this.lookup.lookup(form.numberOrEmpty(), form.emailOrEmpty(), ClientAddress.of(exchange))
			.flatMap((result) -> switch (result.outcome()) {
				case FOUND -> this.access.grant(exchange, result.orderId(), result.linkRevision())
					.thenReturn("redirect:/orders/" + result.number());
				case NO_MATCH -> {
					model.addAttribute("error", message(exchange, "lookup.noMatch"));
					yield Mono.just(VIEW);
				}
				case TOO_MANY_ATTEMPTS -> {
					tooManyAttempts(result, model, exchange);
					yield Mono.just(VIEW);
				}
			})
			.onErrorResume(InvalidValueException.class, (ex) -> {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("emailError", ex.getMessage());
				return Mono.just(VIEW);
			});
	}

	private void tooManyAttempts(LookupResult result, Model model, ServerWebExchange exchange) {
		long seconds = Math.max(1, result.retryAfter().toSeconds());
		long minutes = Math.max(1, (seconds + 59) / 60);
		exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		model.addAttribute("error", message(exchange, "lookup.tooMany", minutes));
	}

	@GetMapping("/o/{token}")
	Mono<String> link(@PathVariable String token, @RequestParam(required = false) @Nullable String focus, Model model,
			ServerWebExchange exchange) {
		// the token must not travel on to any page or site linked from here
		exchange.getResponse().getHeaders().set("Referrer-Policy", NO_REFERRER);
		return this.links.verify(token, CustomerLinks.VIEW).flatMap((check) -> {
			if (check.isValid()) {
				return this.access.grant(exchange, check.orderId(), check.linkRevision())
					.thenReturn("redirect:/orders/" + check.number() + OrderController.focusSuffix(focus));
			}
			boolean wasValid = check.outcome() != LinkCheck.Outcome.INVALID;
			exchange.getResponse().setStatusCode(wasValid ? HttpStatus.GONE : HttpStatus.BAD_REQUEST);
			model.addAttribute("lookupForm", new LookupForm("", ""));
			model.addAttribute("linkProblem", true);
			model.addAttribute("notice", message(exchange, switch (check.outcome()) {
				case EXPIRED -> "lookup.linkExpired";
				case REVOKED -> "lookup.linkRevoked";
				default -> "lookup.linkInvalid";
			}));
			return Mono.just(VIEW);
		});
	}

	private String message(ServerWebExchange exchange, String key, Object... args) {
		return this.messages.getMessage(key, args, exchange.getLocaleContext().getLocale());
	}

	/**
	 * What the customer typed.
	 *
	 * @param number the order number
	 * @param email the e-mail address
	 */
	record LookupForm(@Nullable String number, @Nullable String email) {

		String numberOrEmpty() {
			return (this.number != null) ? this.number : "";
		}

		String emailOrEmpty() {
			return (this.email != null) ? this.email : "";
		}

	}

}
