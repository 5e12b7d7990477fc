package com.backorderdesk.integration;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.security.StaffPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What this module's staff pages share: the member of staff for the layout (as
 * {@code staff}, like every staff page), and moments and money as staff read them, in the
 * shop's zone.
 */
@ControllerAdvice(assignableTypes = { WebhookPagesController.class, RefundsController.class })
class StaffPages {

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

	private final Clock clock;

	StaffPages(Clock clock) {
		this.clock = clock;
	}

	@ModelAttribute("staff")
	Mono<StaffPrincipal> staff() {
		return current();
	}

	/** The member of staff making the request. */
	static Mono<StaffPrincipal> current() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.mapNotNull(Authentication::getPrincipal)
			.ofType(StaffPrincipal.class);
	}

	String moment(@Nullable Instant instant) {
		return (instant != null) ? MOMENT.format(instant.atZone(this.clock.getZone())) : "";
	}

	/**
	 * A whole number a form sent, or {@code null} when it sent none or something else.
	 */
	static @Nullable Long number(@Nullable String text) {
		try {
			return (text != null) ? Long.parseLong(text.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static String money(long cents, String currency) {
		NumberFormat format = NumberFormat.getCurrencyInstance(Locale.ENGLISH);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(cents / 100.0);
	}

}
