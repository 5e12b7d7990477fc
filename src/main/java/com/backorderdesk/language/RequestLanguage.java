package com.backorderdesk.language;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language a request is answered in. A page about one order speaks the order's
 * language when it has one ({@link Languages#ORDER_LOCALE_ATTRIBUTE}); any other customer
 * page the best supported match of the browser's {@code Accept-Language}; without one, or
 * for a language we do not write, the default. Staff pages are in English whatever the
 * browser asks for: that portal has one language.
 */
class RequestLanguage implements LocaleContextResolver {

	private static final LocaleContext DEFAULT = new SimpleLocaleContext(Languages.DEFAULT);

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		Object chosen = exchange.getAttribute(Languages.ORDER_LOCALE_ATTRIBUTE);
		if (chosen instanceof Locale locale) {
			return new SimpleLocaleContext(locale);
		}
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path.equals("/staff") || path.startsWith("/staff/") || path.startsWith("/dev/")) {
			return DEFAULT;
		}
		Locale accepted = accepted(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
		return (accepted != null) ? new SimpleLocaleContext(accepted) : DEFAULT;
	}

	/**
	 * The supported language a browser prefers most, by its weights; {@code de-CH}
	 * matches German.
	 */
	static @Nullable Locale accepted(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
			return Locale.lookup(ranges, Languages.SUPPORTED);
		}
		catch (IllegalArgumentException ex) {
			// a header no browser sends: answer in the default language
			return null;
		}
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
		throw new UnsupportedOperationException("The language follows the request and the order, not a setting");
	}

}
