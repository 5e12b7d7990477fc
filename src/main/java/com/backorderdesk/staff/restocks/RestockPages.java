package com.backorderdesk.staff.restocks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.inventory.RestockStatus;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the restock pages share: the acting planner, the page's locale, reading forms.
 */
final class RestockPages {

	/**
	 * The most supplier names offered as suggestions; any other name can still be typed.
	 */
	static final int SUPPLIER_CHOICES = 200;

	private RestockPages() {
	}

	static RestockForm form(MultiValueMap<String, String> values, MessageSource messages, ServerWebExchange exchange) {
		return new RestockForm(values, messages, locale(exchange));
	}

	static Locale locale(ServerWebExchange exchange) {
		LocaleContext context = exchange.getLocaleContext();
		Locale locale = context.getLocale();
		return (locale != null) ? locale : Locale.ENGLISH;
	}

	/** The username of the planner making the request, who is the actor of the change. */
	static Mono<String> actor() {
		return StaffModelAdvice.currentStaff()
			.map((staff) -> staff.username())
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No member of staff is logged in")));
	}

	static @Nullable RestockStatus status(String name) {
		for (RestockStatus status : RestockStatus.values()) {
			if (status.name().equals(name)) {
				return status;
			}
		}
		return null;
	}

}
