package com.backorderdesk.language;

import java.nio.charset.StandardCharsets;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * The languages the shop writes in, and how a language someone asks for becomes one of
 * them. Customer pages and e-mails are complete in each ({@code messages.properties} and
 * {@code messages_<language>.properties}); the staff portal is written in English.
 */
public final class Languages {

	/** What a reader without a known language reads. */
	public static final Locale DEFAULT = Locale.ENGLISH;

	/** The supported languages, the default first. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	/** The longest language tag accepted (RFC 5646 advises room for 35 characters). */
	public static final int MAX_TAG = 35;

	/**
	 * Where a page that shows one order keeps the order's language for the request, so
	 * that everything rendered for it (templates, messages) is in that language.
	 */
	public static final String ORDER_LOCALE_ATTRIBUTE = Languages.class.getName() + ".orderLocale";

	private Languages() {
	}

	/**
	 * The message bundles as the application reads them: UTF-8, formatted with ICU, the
	 * default bundle for a language without one of its own.
	 * @param basenames the bundles, such as {@code messages}
	 * @return the message source
	 */
	public static MessageSource messages(String... basenames) {
		IcuMessageSource messages = new IcuMessageSource();
		messages.setBasenames(basenames);
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		messages.setDefaultLocale(DEFAULT);
		return messages;
	}

	/**
	 * Reads a BCP 47 language tag strictly.
	 * @param tag the tag, such as {@code de}, {@code de-AT} or {@code en-GB}
	 * @return the locale, or {@code null} when the text is not a well-formed tag of at
	 * most {@value #MAX_TAG} characters with a language
	 */
	public static @Nullable Locale parse(String tag) {
		if (tag.isEmpty() || tag.length() > MAX_TAG) {
			return null;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(tag).build();
			return locale.getLanguage().isEmpty() ? null : locale;
		}
		catch (IllformedLocaleException ex) {
			return null;
		}
	}

	/**
	 * The supported language closest to the one asked for: the same language whatever the
	 * region ({@code de-AT} is German), else the default.
	 * @param locale the language asked for, if any
	 * @return a supported locale
	 */
	public static Locale supported(@Nullable Locale locale) {
		if (locale != null) {
			for (Locale candidate : SUPPORTED) {
				if (candidate.getLanguage().equals(locale.getLanguage())) {
					return candidate;
				}
			}
		}
		return DEFAULT;
	}

	/**
	 * Whether a language is one the shop writes in.
	 * @param locale the language
	 * @return {@code true} when its language is supported
	 */
	public static boolean isSupported(Locale locale) {
		return SUPPORTED.stream().anyMatch((candidate) -> candidate.getLanguage().equals(locale.getLanguage()));
	}

	/**
	 * The language of a stored tag, for reading what an order was stored with.
	 * @param tag the stored tag, or {@code null}
	 * @return the supported locale, or {@code null} when there is none or it is not
	 * supported (any more)
	 */
	public static @Nullable Locale stored(@Nullable String tag) {
		Locale parsed = (tag != null) ? parse(tag) : null;
		return (parsed != null && isSupported(parsed)) ? supported(parsed) : null;
	}

}
