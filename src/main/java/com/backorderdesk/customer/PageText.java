package com.backorderdesk.customer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * The portal's messages in one locale.
 */
final class PageText {

	private final MessageSource messages;

	private final Locale locale;

	PageText(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	Locale locale() {
		return this.locale;
	}

	String get(String key, Object... args) {
		return this.messages.getMessage(key, args, this.locale);
	}

	String getOrDefault(String key, String fallbackKey) {
		String found = find(key);
		return (found != null) ? found : get(fallbackKey);
	}

	@Nullable String find(String key) {
		return this.messages.getMessage(key, null, null, this.locale);
	}

}
